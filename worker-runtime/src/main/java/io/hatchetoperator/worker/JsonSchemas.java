package io.hatchetoperator.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON Schema of a record input, sent with the workflow in {@code input_json_schema} as the official
 * SDKs send theirs (Python: pydantic's {@code model_json_schema()}; TypeScript: zod's {@code toJSONSchema}).
 * Every record component is required except {@link Optional} ones and those annotated {@code @Nullable} (any
 * package, declaration or type-use annotation with run-time retention). Pure.
 */
final class JsonSchemas {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 8;
  private static final Set<Class<?>> INTEGERS = Set.of(byte.class, short.class, int.class, long.class,
      Byte.class, Short.class, Integer.class, Long.class, BigInteger.class);
  private static final Set<Class<?>> NUMBERS = Set.of(float.class, double.class, Float.class, Double.class,
      BigDecimal.class);

  private JsonSchemas() {}

  /** The schema of {@code type} when it is a record, else empty (maps and POJOs carry no schema). */
  static Optional<ObjectNode> forInput(Type type) {
    return type instanceof Class<?> c && c.isRecord() ? Optional.of(of(c, 0)) : Optional.empty();
  }

  static ObjectNode of(Type type, int depth) {
    ObjectNode schema = JSON.objectNode();
    Class<?> raw = raw(type);
    if (raw == boolean.class || raw == Boolean.class) {
      return schema.put("type", "boolean");
    }
    if (INTEGERS.contains(raw)) {
      return schema.put("type", "integer");
    }
    if (NUMBERS.contains(raw)) {
      return schema.put("type", "number");
    }
    if (CharSequence.class.isAssignableFrom(raw) || raw == char.class || raw == Character.class
        || raw == UUID.class || Temporal.class.isAssignableFrom(raw)) {
      return schema.put("type", "string");
    }
    if (raw.isEnum()) {
      ArrayNode values = schema.put("type", "string").putArray("enum");
      Arrays.stream(raw.getEnumConstants()).forEach(v -> values.add(((Enum<?>) v).name()));
      return schema;
    }
    if (raw == Optional.class) {
      return of(argument(type, 0), depth);
    }
    if (depth >= MAX_DEPTH) {
      return schema;
    }
    if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      Type item = raw.isArray() ? (type instanceof GenericArrayType g ? g.getGenericComponentType()
          : raw.getComponentType()) : argument(type, 0);
      schema.put("type", "array").set("items", of(item, depth + 1));
      return schema;
    }
    if (Map.class.isAssignableFrom(raw)) {
      schema.put("type", "object").set("additionalProperties", of(argument(type, 1), depth + 1));
      return schema;
    }
    schema.put("type", "object");
    if (raw.isRecord()) {
      schema.put("title", raw.getSimpleName());
      ObjectNode properties = schema.putObject("properties");
      ArrayNode required = JSON.arrayNode();
      for (RecordComponent c : raw.getRecordComponents()) {
        properties.set(c.getName(), of(c.getGenericType(), depth + 1));
        if (c.getType() != Optional.class && !nullable(c) && !nullable(c.getAccessor())
            && !nullable(c.getAnnotatedType())) {
          required.add(c.getName());
        }
      }
      if (!required.isEmpty()) {
        schema.set("required", required);
      }
    }
    return schema;
  }

  private static boolean nullable(AnnotatedElement element) {
    return Arrays.stream(element.getAnnotations())
        .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
  }

  private static Type argument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      Type t = p.getActualTypeArguments()[index];
      return t instanceof WildcardType w ? w.getUpperBounds()[0] : t;
    }
    return Object.class;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof GenericArrayType g) {
      return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
    }
    return Object.class;
  }
}

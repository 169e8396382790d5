package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.common.types.OptionalType;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates objects against a CRD's OpenAPI v3 schema the way the API server would (the CRUD mock does not):
 * structural defaulting, then type, required, unknown fields (kubectl's strict field validation), minimum,
 * maximum, length, items, enum and pattern, and the x-kubernetes-validations CEL rules, evaluated with Google's
 * CEL for Java (dev.cel). Messages follow the API server's wording. Only the subset of OpenAPI the generated
 * CRD uses is implemented; an unsupported keyword fails loudly instead of passing silently.
 */
final class CrdSchemaValidator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> KNOWN = List.of("type", "properties", "required", "description", "default",
            "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "items", "enum", "pattern",
            "additionalProperties", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations", "format",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys");
    private final Map<String, Object> schema;
    private final Map<String, CelRuntime.Program> programs = new java.util.HashMap<>();
    private static final CelOptions CEL_OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true).build();
    private final CelCompiler cel = CelCompilerFactory.standardCelCompilerBuilder().setOptions(CEL_OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addLibraries(CelOptionalLibrary.INSTANCE)
            .addVar("self", SimpleType.DYN).addVar("oldSelf", OptionalType.create(SimpleType.DYN)).build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(CEL_OPTIONS)
            .addLibraries(CelOptionalLibrary.INSTANCE).build();
    /** The stored object during an update (its part at the rule's place is oldSelf), or null on create. */
    private Object old;

    private CrdSchemaValidator(Map<String, Object> schema) {
        this.schema = schema;
    }

    /** The validator of the first version of the CRD in {@code file}. */
    @SuppressWarnings("unchecked")
    static CrdSchemaValidator load(Path file) throws IOException {
        Map<String, Object> crd = YAML.readValue(file.toFile(), Map.class);
        Map<String, Object> version = ((List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec"))
                .get("versions")).get(0);
        return new CrdSchemaValidator((Map<String, Object>) ((Map<String, Object>) version.get("schema"))
                .get("openAPIV3Schema"));
    }

    /** Every error for {@code object} (defaulted in place); empty when the API server would accept it. */
    List<String> validate(Map<String, Object> object) {
        old = null;
        return validateObject(object);
    }

    /**
     * Every error for an update of {@code stored} to {@code object}: rules marked optionalOldSelf see the stored
     * value as oldSelf (the API server's transition rules and ratcheting).
     */
    List<String> validateUpdate(Map<String, Object> stored, Map<String, Object> object) {
        old = stored;
        try {
            return validateObject(object);
        } finally {
            old = null;
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> validateObject(Map<String, Object> object) {
        List<String> errors = new ArrayList<>();
        if (schema.containsKey("x-kubernetes-validations")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) schema.get("x-kubernetes-validations")) {
                if (!evaluate(rule, "", object)) {
                    errors.add("<nil>: Invalid value: \"object\": " + rule.get("message"));
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>(object);
        body.remove("apiVersion");
        body.remove("kind");
        body.remove("metadata");
        Map<String, Object> rootProps = (Map<String, Object>) schema.get("properties");
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (!rootProps.containsKey(e.getKey())) {
                errors.add("unknown field \"" + e.getKey() + "\"");
            } else {
                check(e.getKey(), e.getValue(), (Map<String, Object>) rootProps.get(e.getKey()), errors);
            }
        }
        object.putAll(body);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private void check(String path, Object value, Map<String, Object> s, List<String> errors) {
        s.keySet().stream().filter(k -> !KNOWN.contains(k)).findAny().ifPresent(k -> {
            throw new IllegalStateException("schema keyword " + k + " at " + path + " is not supported by this validator");
        });
        int before = errors.size();
        String type = (String) s.get("type");
        if (!typeMatches(type, value)) {
            errors.add(path + ": Invalid value: \"" + kind(value) + "\": " + path + " in body must be of type "
                    + type + ": \"" + kind(value) + "\"");
            return;
        }
        bounds(path, value, s, errors);
        if (s.containsKey("enum") && !((List<Object>) s.get("enum")).contains(value)) {
            StringBuilder supported = new StringBuilder();
            for (Object o : (List<Object>) s.get("enum")) {
                supported.append(supported.length() == 0 ? "" : ", ").append('"').append(o).append('"');
            }
            errors.add(path + ": Unsupported value: \"" + value + "\": supported values: " + supported);
        }
        if (s.containsKey("pattern") && !Pattern.compile((String) s.get("pattern")).matcher((String) value).find()) {
            errors.add(path + ": Invalid value: \"" + value + "\": " + path + " in body should match '"
                    + s.get("pattern") + "'");
        }
        if (value instanceof Map<?, ?> map) {
            checkObject(path, (Map<String, Object>) map, s, errors);
        } else if (value instanceof List<?> list && s.containsKey("items")) {
            for (int i = 0; i < list.size(); i++) {
                check(path + "[" + i + "]", list.get(i), (Map<String, Object>) s.get("items"), errors);
            }
        }
        if (s.containsKey("x-kubernetes-validations") && errors.size() == before) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) s.get("x-kubernetes-validations")) {
                if (!evaluate(rule, path, value)) {
                    errors.add(path + ": Invalid value: \"object\": " + rule.get("message"));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkObject(String path, Map<String, Object> map, Map<String, Object> s, List<String> errors) {
        Map<String, Object> props = (Map<String, Object>) s.getOrDefault("properties", Map.of());
        props.forEach((name, sub) -> {
            Object dflt = ((Map<String, Object>) sub).get("default");
            if (!map.containsKey(name) && dflt != null) {
                map.put(name, dflt);
            }
        });
        for (String required : (List<String>) s.getOrDefault("required", List.of())) {
            if (!map.containsKey(required)) {
                errors.add(path + "." + required + ": Required value");
            }
        }
        boolean preserve = Boolean.TRUE.equals(s.get("x-kubernetes-preserve-unknown-fields"));
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String child = path + "." + e.getKey();
            if (props.containsKey(e.getKey())) {
                check(child, e.getValue(), (Map<String, Object>) props.get(e.getKey()), errors);
            } else if (s.get("additionalProperties") instanceof Map<?, ?> additional) {
                check(child, e.getValue(), (Map<String, Object>) additional, errors);
            } else if (!preserve) {
                errors.add("unknown field \"" + child + "\"");
            }
        }
    }

    /** A schema bound as the API server prints it: 0 for 0.0, 0.99 for 0.99. */
    private static String bound(Object value) {
        double d = ((Number) value).doubleValue();
        return d == Math.rint(d) ? Long.toString((long) d)
                : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static void bounds(String path, Object value, Map<String, Object> s, List<String> errors) {
        if (value instanceof Number n) {
            if (s.containsKey("minimum") && n.doubleValue() < ((Number) s.get("minimum")).doubleValue()) {
                errors.add(path + ": Invalid value: " + n + ": " + path + " in body should be greater than or "
                        + "equal to " + bound(s.get("minimum")));
            }
            if (s.containsKey("maximum") && n.doubleValue() > ((Number) s.get("maximum")).doubleValue()) {
                errors.add(path + ": Invalid value: " + n + ": " + path + " in body should be less than or equal to "
                        + bound(s.get("maximum")));
            }
        }
        if (value instanceof String str) {
            if (s.containsKey("maxLength") && str.length() > ((Number) s.get("maxLength")).intValue()) {
                errors.add(path + ": Too long: may not be more than " + s.get("maxLength") + " bytes");
            }
            if (s.containsKey("minLength") && str.length() < ((Number) s.get("minLength")).intValue()) {
                errors.add(path + ": Invalid value: \"" + str + "\": " + path + " in body should be at least "
                        + s.get("minLength") + " chars long");
            }
        }
        if (value instanceof List<?> list) {
            if (s.containsKey("minItems") && list.size() < ((Number) s.get("minItems")).intValue()) {
                errors.add(path + ": Invalid value: " + list.size() + ": " + path + " in body should have at least "
                        + s.get("minItems") + " items");
            }
            if (s.containsKey("maxItems") && list.size() > ((Number) s.get("maxItems")).intValue()) {
                errors.add(path + ": Too many: " + list.size() + ": must have at most " + s.get("maxItems") + " items");
            }
        }
    }

    /** Evaluates a rule at {@code path} ("" = the root); transition rules are skipped on create. */
    private boolean evaluate(Map<String, Object> ruleSpec, String path, Object self) {
        String rule = (String) ruleSpec.get("rule");
        boolean optionalOld = Boolean.TRUE.equals(ruleSpec.get("optionalOldSelf"));
        Object oldValue = old == null ? null : at(old, path);
        if (rule.contains("oldSelf") && !optionalOld && oldValue == null) {
            return true;
        }
        try {
            CelRuntime.Program program = programs.get(rule);
            if (program == null) {
                program = runtime.createProgram(cel.compile(rule).getAst());
                programs.put(rule, program);
            }
            Object oldSelf = optionalOld ? java.util.Optional.ofNullable(oldValue).map(CrdSchemaValidator::celValue)
                    : oldValue == null ? java.util.Optional.empty() : java.util.Optional.of(celValue(oldValue));
            return Boolean.TRUE.equals(program.eval(Map.of("self", celValue(self), "oldSelf", oldSelf)));
        } catch (Exception e) {
            throw new IllegalStateException("CEL rule " + rule + " failed to evaluate: " + e.getMessage(), e);
        }
    }

    /** The value of {@code object} at the dotted {@code path} (no list indexes), or null. */
    private static Object at(Object object, String path) {
        Object current = object;
        for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** Kubernetes hands CEL integers as int64 and numbers as double. */
    private static Object celValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, celValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CrdSchemaValidator::celValue).toList();
        }
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof java.math.BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    private static boolean typeMatches(String type, Object value) {
        if (type == null) {
            return true;
        }
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> throw new IllegalStateException("type " + type + " is not supported by this validator");
        };
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value instanceof Number ? (value instanceof Double ? "number" : "integer") : "null";
    }
}

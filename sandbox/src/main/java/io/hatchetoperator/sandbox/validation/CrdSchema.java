package io.hatchetoperator.sandbox.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates objects against a CRD's OpenAPI v3 schema the way the API server would (the sandbox's mock does not):
 * structural defaulting, then type, required, unknown fields (kubectl's strict field validation), minimum,
 * maximum, length, items, enum and pattern, and the x-kubernetes-validations CEL rules, evaluated with Google's
 * CEL for Java (dev.cel). Messages follow the API server's wording. Only the subset of OpenAPI the generated
 * CRD uses is implemented; other keywords are not checked (the operator's own tests check them strictly), and
 * transition rules (those reading {@code oldSelf}) do not apply to a create, as on the API server.
 */
public final class CrdSchema {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CrdSchema.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Map<String, Object> schema;
    private final Map<String, CelRuntime.Program> programs = new java.util.HashMap<>();
    private static final CelOptions CEL_OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true).build();
    private final CelCompiler cel = CelCompilerFactory.standardCelCompilerBuilder().setOptions(CEL_OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(CEL_OPTIONS).build();

    private CrdSchema(Map<String, Object> schema) {
        this.schema = schema;
    }

    /** The validator of the first version of the CRD in {@code yaml}. */
    @SuppressWarnings("unchecked")
    public static CrdSchema parse(String yaml) throws IOException {
        Map<String, Object> crd = YAML.readValue(yaml, Map.class);
        Map<String, Object> version = ((List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec"))
                .get("versions")).get(0);
        return new CrdSchema((Map<String, Object>) ((Map<String, Object>) version.get("schema"))
                .get("openAPIV3Schema"));
    }

    /** Every error for {@code object} (defaulted in place); empty when the API server would accept it. */
    @SuppressWarnings("unchecked")
    public List<String> validate(Map<String, Object> object) {
        List<String> errors = new ArrayList<>();
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
                if (!evaluate((String) rule.get("rule"), value)) {
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

    private static void bounds(String path, Object value, Map<String, Object> s, List<String> errors) {
        if (value instanceof Number n) {
            if (s.containsKey("minimum") && n.doubleValue() < ((Number) s.get("minimum")).doubleValue()) {
                errors.add(path + ": Invalid value: " + n + ": " + path + " in body should be greater than or "
                        + "equal to " + ((Number) s.get("minimum")).longValue());
            }
            if (s.containsKey("maximum") && n.doubleValue() > ((Number) s.get("maximum")).doubleValue()) {
                errors.add(path + ": Invalid value: " + n + ": " + path + " in body should be less than or equal to "
                        + ((Number) s.get("maximum")).longValue());
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

    private boolean evaluate(String rule, Object self) {
        if (rule.contains("oldSelf")) {
            return true;
        }
        try {
            CelRuntime.Program program = programs.get(rule);
            if (program == null) {
                program = runtime.createProgram(cel.compile(rule).getAst());
                programs.put(rule, program);
            }
            return Boolean.TRUE.equals(program.eval(Map.of("self", celValue(self))));
        } catch (Exception e) {
            LOG.warn("the CRD's rule {} could not be evaluated here ({}); the API server will check it", rule,
                    e.getMessage());
            return true;
        }
    }

    /** Kubernetes hands CEL integers as int64 and numbers as double. */
    private static Object celValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, celValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CrdSchema::celValue).toList();
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
            default -> true;
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

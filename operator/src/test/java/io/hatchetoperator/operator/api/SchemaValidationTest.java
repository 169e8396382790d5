package io.hatchetoperator.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated CRD's schema, CEL rules included, accepts every example pool and rejects each invalid one with
 * the message a user would see from kubectl apply (the CRUD mock validates nothing, so this is where the schema
 * is tested).
 */
class SchemaValidationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CRD = Path.of("../crds/hatchetworkerpools.hatchet-operator.io-v1.yml");
    private static CrdSchemaValidator validator;

    @BeforeAll
    static void load() throws IOException {
        validator = CrdSchemaValidator.load(CRD);
    }

    static Stream<Path> examplePools() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            List<Path> pools = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (Files.readString(f).contains("kind: HatchetWorkerPool")) {
                    pools.add(f);
                }
            }
            assertThat(pools).as("example pools under examples/").hasSizeGreaterThanOrEqualTo(3);
            return pools.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examplePools")
    void everyExamplePoolIsValid(Path example) throws IOException {
        assertThat(validator.validate(read(example))).as(example.toString()).isEmpty();
    }

    static Stream<Arguments> invalidPools() {
        return Stream.of(
                bad("slots missing", s -> s.remove("slots"), "spec.slots: Required value"),
                bad("slots zero", s -> s.put("slots", 0),
                        "spec.slots in body should be greater than or equal to 1"),
                bad("slots too many", s -> s.put("slots", 5000),
                        "spec.slots in body should be less than or equal to 1000"),
                bad("slots as text", s -> s.put("slots", "ten"), "spec.slots in body must be of type integer"),
                bad("engine missing", s -> s.remove("engine"), "spec.engine: Required value"),
                bad("token secret missing", s -> map(s, "engine").remove("tokenSecretRef"),
                        "spec.engine.tokenSecretRef: Required value"),
                bad("token key missing", s -> map(map(s, "engine"), "tokenSecretRef").remove("key"),
                        "spec.engine.tokenSecretRef.key: Required value"),
                bad("tls strategy unknown", s -> map(map(s, "engine"), "tls").put("strategy", "ssl"),
                        "spec.engine.tls.strategy: Unsupported value: \"ssl\": supported values: \"mtls\", "
                                + "\"none\", \"tls\""),
                bad("mtls without certificates", s -> map(map(s, "engine"), "tls").put("strategy", "mtls"),
                        ValidationRules.MTLS_NEEDS_CERTS_MESSAGE),
                bad("host without port", s -> map(s, "engine").put("hostPort", "hatchet-engine"),
                        "spec.engine.hostPort in body should match"),
                bad("template missing", s -> s.remove("template"), "spec.template: Required value"),
                bad("no containers", s -> map(map(s, "template"), "spec").put("containers", List.of()),
                        "spec.template.spec.containers in body should have at least 1 items"),
                bad("container without image", s -> ((Map<String, Object>) list(map(map(s, "template"), "spec"),
                        "containers").get(0)).remove("image"), "spec.template.spec.containers[0].image: Required value"),
                bad("min above max", s -> {
                    map(s, "autoscaling").put("minReplicas", 8);
                    map(s, "autoscaling").put("maxReplicas", 4);
                }, ValidationRules.MIN_LE_MAX_MESSAGE),
                bad("utilization above one", s -> map(s, "autoscaling").put("targetSlotUtilization", 1.5),
                        ValidationRules.UTILIZATION_RANGE_MESSAGE),
                bad("utilization zero", s -> map(s, "autoscaling").put("targetSlotUtilization", 0),
                        ValidationRules.UTILIZATION_RANGE_MESSAGE),
                bad("scale to zero without tasks", s -> s.remove("tasks"), ValidationRules.TASKS_WHEN_MIN_ZERO_MESSAGE),
                bad("worker name with spaces", s -> s.put("workerName", "image resize"),
                        "spec.workerName in body should match"),
                bad("negative replicas", s -> {
                    s.remove("autoscaling");
                    s.put("replicas", -1);
                }, "spec.replicas in body should be greater than or equal to 0"),
                bad("duration without unit", s -> map(s, "autoscaling").put("pollInterval", "2"),
                        "spec.autoscaling.pollInterval in body should match '^([0-9]+(ms|s|m|h))+$'"),
                bad("drain in words", s -> map(s, "drain").put("timeout", "five minutes"),
                        "spec.drain.timeout in body should match"),
                bad("misspelled field", s -> s.put("slot", 3), "unknown field \"spec.slot\""),
                bad("poll interval below the floor", s -> map(s, "autoscaling").put("pollInterval", "500ms"),
                        ValidationRules.POLL_INTERVAL_FLOOR_MESSAGE),
                bad("poll interval of 1ms", s -> map(s, "autoscaling").put("pollInterval", "1ms"),
                        "spec.autoscaling.pollInterval must be at least 1s"),
                bad("queue delay below the floor", s -> map(s, "autoscaling").put("targetQueueDelay", "100ms"),
                        ValidationRules.QUEUE_DELAY_FLOOR_MESSAGE),
                bad("replicas with autoscaling", s -> s.put("replicas", 3),
                        ValidationRules.REPLICAS_XOR_AUTOSCALING_MESSAGE),
                bad("empty task name", s -> s.put("tasks", List.of("")),
                        "spec.tasks[0] in body should be at least 1 chars long"),
                bad("runtime unknown", s -> s.put("runtime", "rust"),
                        "spec.runtime: Unsupported value: \"rust\": supported values: \"custom\", \"go\", \"java\","
                                + " \"python\", \"typescript\""),
                bad("pod security unknown", s -> s.put("podSecurity", "Privileged"),
                        "spec.podSecurity: Unsupported value: \"Privileged\": supported values: \"Compatible\","
                                + " \"None\", \"Restricted\""),
                bad("tuning tolerance of one", s -> map(s, "autoscaling").put("tuning",
                        new LinkedHashMap<>(Map.of("scaleUpTolerance", 1))),
                        "spec.autoscaling.tuning.scaleUpTolerance in body should be less than or equal to 0.99"),
                bad("tuning averaging of 0s", s -> map(s, "autoscaling").put("tuning",
                        new LinkedHashMap<>(Map.of("arrivalSmoothing", "0s"))),
                        ValidationRules.TUNING_DURATIONS_POSITIVE_MESSAGE),
                bad("unmatched workers policy unknown", s -> map(s, "autoscaling").put("scaleDown",
                        new LinkedHashMap<>(Map.of("unmatchedWorkers", "Kill"))),
                        "spec.autoscaling.scaleDown.unmatchedWorkers: Unsupported value: \"Kill\": supported values:"
                                + " \"Hold\", \"Terminate\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPools")
    void invalidPoolsAreRejectedWithTheExpectedMessage(String name, Consumer<Map<String, Object>> breakSpec,
                                                       String expected) throws IOException {
        Map<String, Object> pool = read(Path.of("..", "examples", "java-worker-pool.yaml"));
        breakSpec.accept(map(pool, "spec"));
        assertThat(validator.validate(pool)).as(name).anySatisfy(e -> assertThat(e).contains(expected));
    }

    @org.junit.jupiter.api.Test
    void durationsAtTheFloorOrAboveAreAccepted() throws IOException {
        for (String interval : List.of("1s", "1000ms", "2s", "1m30s")) {
            Map<String, Object> pool = read(Path.of("..", "examples", "java-worker-pool.yaml"));
            map(map(pool, "spec"), "autoscaling").put("pollInterval", interval);
            assertThat(validator.validate(pool)).as(interval).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void aNameLongerThan63CharactersIsRejected() throws IOException {
        Map<String, Object> pool = read(Path.of("..", "examples", "java-worker-pool.yaml"));
        map(pool, "metadata").put("name", "a".repeat(64));
        assertThat(validator.validate(pool)).anySatisfy(e -> assertThat(e)
                .contains(ValidationRules.NAME_LENGTH_MESSAGE).contains("metadata.name"));
        map(pool, "metadata").put("name", "a".repeat(63));
        assertThat(validator.validate(pool)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void replicasWithAnExternalSourceAreAccepted() throws IOException {
        Map<String, Object> pool = read(Path.of("..", "examples", "java-worker-pool.yaml"));
        map(map(pool, "spec"), "autoscaling").put("source", "External");
        map(pool, "spec").put("replicas", 4);
        assertThat(validator.validate(pool)).as("an HPA writes spec.replicas").isEmpty();
        map(map(pool, "spec"), "autoscaling").put("source", "Engine");
        assertThat(validator.validate(pool)).anySatisfy(e -> assertThat(e)
                .contains(ValidationRules.REPLICAS_XOR_AUTOSCALING_MESSAGE).contains("source: External"));
        map(map(pool, "spec"), "autoscaling").put("source", "Keda");
        assertThat(validator.validate(pool)).anySatisfy(e -> assertThat(e).contains(
                "spec.autoscaling.source: Unsupported value: \"Keda\": supported values: \"Engine\", \"External\""));
    }

    @org.junit.jupiter.api.Test
    void replicasWithAutoscalingIsRatchetedOnUpdate() throws IOException {
        Map<String, Object> autoscaled = read(Path.of("..", "examples", "java-worker-pool.yaml"));
        Map<String, Object> scaled = read(Path.of("..", "examples", "java-worker-pool.yaml"));
        map(scaled, "spec").put("replicas", 4);
        assertThat(validator.validateUpdate(autoscaled, scaled)).as("kubectl scale of an autoscaled pool")
                .anySatisfy(e -> assertThat(e).contains(ValidationRules.REPLICAS_XOR_AUTOSCALING_MESSAGE));

        Map<String, Object> legacy = read(Path.of("..", "examples", "java-worker-pool.yaml"));
        map(legacy, "spec").put("replicas", 4);
        Map<String, Object> edited = read(Path.of("..", "examples", "java-worker-pool.yaml"));
        map(edited, "spec").put("replicas", 5);
        map(edited, "spec").put("slots", 3);
        assertThat(validator.validateUpdate(legacy, edited)).as("a pool stored with both before the rule")
                .isEmpty();
    }

    private static Arguments bad(String name, Consumer<Map<String, Object>> change, String expected) {
        return Arguments.of(name, change, expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        return YAML.readValue(file.toFile(), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        return (List<Object>) parent.get(key);
    }
}

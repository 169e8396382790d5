package io.hatchetoperator.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs in crds/ are exactly what the Java types generate, finished by {@link CrdFinisher} (the chart templates them from there through
 * its files/crds link, so there is no second copy). After changing the
 * types, refresh them with: mvn -B -q -pl operator verify -Dcrd.update=true
 */
class CrdDriftTest {

    private static final String FILE = "hatchetworkerpools.hatchet-operator.io-v1.yml";
    private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", FILE);

    @ParameterizedTest
    @ValueSource(strings = {"../crds"})
    void committedCrdMatchesTheGeneratedOne(String dir) throws IOException {
        Path committed = Path.of(dir, FILE);
        String generated = CrdFinisher.finish(Files.readString(GENERATED));
        if (Boolean.getBoolean("crd.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, generated);
        }
        assertThat(committed).as("committed CRD %s; refresh it with -Dcrd.update=true", committed).exists();
        assertThat(Files.readString(committed))
                .as("%s differs from the CRD generated from the Java types: run mvn -B -q -pl operator verify "
                        + "-Dcrd.update=true and commit the result", committed)
                .isEqualTo(generated);
    }
}

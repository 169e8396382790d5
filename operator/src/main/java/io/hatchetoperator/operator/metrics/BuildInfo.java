package io.hatchetoperator.operator.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The operator's version, written into build.properties by the Maven build (resource filtering). */
public final class BuildInfo {

    private static final String VERSION = load();

    private BuildInfo() {
    }

    /** The project version this operator was built as, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing next to " + BuildInfo.class.getName()
                        + ": build the operator with Maven, which writes it");
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.hatchetoperator.operator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.operator.OperatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Command-line options map onto OperatorSettings; bad values name the option and the fix. */
class OperatorMainTest {

    private static OperatorSettings parse(String... args) {
        OperatorMain main = new OperatorMain();
        new CommandLine(main).parseArgs(args);
        return main.settings();
    }

    @Test
    void optionsBecomeSettings() {
        OperatorSettings settings = parse("--namespaces", "team-a, team-b", "--server-side-apply", "false",
                "--leader-election", "true", "--lease-name", "hwo", "--lease-namespace", "ops", "--http-port", "0",
                "--log-format", "json", "--resync-interval", "2m", "--secret-retry-max", "30s",
                "--reconcile-threads", "4");
        assertThat(settings.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(settings.serverSideApply()).isFalse();
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseName()).isEqualTo("hwo");
        assertThat(settings.leaseNamespace()).isEqualTo("ops");
        assertThat(settings.httpPort()).isZero();
        assertThat(settings.jsonLogs()).isTrue();
        assertThat(settings.resyncInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.secretRetryMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.reconcileThreads()).isEqualTo(4);
    }

    @Test
    void defaultsMatchOperatorSettings() {
        OperatorSettings settings = parse();
        OperatorSettings defaults = OperatorSettings.defaults();
        assertThat(settings.namespaces()).isEmpty();
        assertThat(settings.serverSideApply()).isEqualTo(defaults.serverSideApply());
        assertThat(settings.httpPort()).isEqualTo(defaults.httpPort());
        assertThat(settings.resyncInterval()).isEqualTo(defaults.resyncInterval());
        assertThat(settings.leaseName()).isEqualTo(defaults.leaseName());
        if (System.getenv("LEASE_NAMESPACE") == null && System.getenv("POD_NAMESPACE") == null) {
            assertThat(settings.leaseNamespace()).isNull();
        }
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> parse("--log-format", "xml")).hasMessageContaining("--log-format 'xml'")
                .hasMessageContaining("use text or json");
        assertThatThrownBy(() -> parse("--resync-interval", "5 minutes"))
                .hasMessageContaining("--resync-interval '5 minutes' is not a duration");
        assertThatThrownBy(() -> parse("--reconcile-threads", "0")).hasMessageContaining("reconcileThreads is 0");
    }
}

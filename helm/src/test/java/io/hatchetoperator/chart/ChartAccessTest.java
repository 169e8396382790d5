package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may do what: the roles aggregated for the people who create pools, Secrets by name, the Lease by name. */
class ChartAccessTest {

  private static final String FULLNAME = ChartRenderer.RELEASE + "-hatchet-worker-operator";
  private static final String GROUP = "hatchet-operator.io";

  @Test
  void editorsManagePoolsAndViewersReadThemThroughTheDefaultRoles() {
    RenderedChart chart = ChartRenderer.renderDefaults();

    JsonNode edit = chart.one("ClusterRole", FULLNAME + "-edit");
    assertThat(edit.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-edit").asText()).isEqualTo("true");
    assertThat(edit.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-admin").asText()).isEqualTo("true");
    RbacRules editRules = RbacRules.of(List.of(edit));
    assertThat(editRules.verbs(GROUP, "hatchetworkerpools"))
        .containsExactlyInAnyOrder("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    assertThat(editRules.verbs(GROUP, "hatchetworkerpools/scale")).contains("get", "update", "patch");
    assertThat(editRules.verbs(GROUP, "hatchetworkerpools/status"))
        .as("status is the operator's to write").containsExactlyInAnyOrder("get", "list", "watch");

    JsonNode view = chart.one("ClusterRole", FULLNAME + "-view");
    assertThat(view.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-view").asText()).isEqualTo("true");
    assertThat(view.at("/metadata/labels").has("rbac.authorization.k8s.io/aggregate-to-edit")).isFalse();
    RbacRules viewRules = RbacRules.of(List.of(view));
    for (String resource : List.of("hatchetworkerpools", "hatchetworkerpools/status", "hatchetworkerpools/scale")) {
      assertThat(viewRules.verbs(GROUP, resource)).as(resource).containsExactlyInAnyOrder("get", "list", "watch");
    }
    assertThat(chart.ofKind("ClusterRoleBinding")).as("aggregated roles are never bound by the chart")
        .noneMatch(b -> b.at("/roleRef/name").asText().endsWith("-edit") || b.at("/roleRef/name").asText()
            .endsWith("-view"));
  }

  @Test
  void aggregationCanBeTurnedOff() {
    RenderedChart chart = ChartRenderer.render("rbac: {aggregateToDefaultRoles: false}\n");
    assertThat(chart.ofKind("ClusterRole")).extracting(r -> r.at("/metadata/name").asText())
        .containsExactly(FULLNAME);
  }

  @Test
  void secretNamesRestrictTheOperatorToThoseSecretsInEveryScope() {
    String values = "rbac:\n  secretNames: [hatchet-token, hatchet-tls]\n";
    RbacRules allNamespaces = RbacRules.of(ChartRenderer.render(values).operatorClusterRoles());
    RenderedChart watched = ChartRenderer.render(values + "watchNamespaces: [team-a]\n");
    RbacRules teamA = RbacRules.of(watched.ofKind("Role").stream()
        .filter(r -> r.at("/metadata/namespace").asText().equals("team-a")).toList());

    for (RbacRules rules : List.of(allNamespaces, teamA)) {
      for (String verb : List.of("list", "watch")) { // the operator watches each Secret by metadata.name
        assertThat(rules.allows("", "secrets", verb)).as("no " + verb + " of any Secret").isFalse();
        assertThat(rules.names("", "secrets", verb)).containsExactlyInAnyOrder("hatchet-token", "hatchet-tls");
        assertThat(rules.allows("", "secrets", verb, "hatchet-token")).isTrue();
        assertThat(rules.allows("", "secrets", verb, "database-password")).isFalse();
      }
    }
    RbacRules byDefault = RbacRules.of(ChartRenderer.renderDefaults().operatorClusterRoles());
    assertThat(byDefault.allows("", "secrets", "watch")).isTrue();
  }

  @Test
  void theLeaseRoleNamesItsLeaseForEverythingButCreate() {
    RenderedChart chart = ChartRenderer.render("leaderElection: {enabled: true, leaseName: ops-lock}\n");
    RbacRules lease = RbacRules.of(List.of(chart.one("Role", FULLNAME + "-leader-election")));

    assertThat(lease.allows("coordination.k8s.io", "leases", "create")).as("create cannot be limited by name")
        .isTrue();
    for (String verb : List.of("get", "update", "patch")) {
      assertThat(lease.allows("coordination.k8s.io", "leases", verb)).as("%s on any Lease", verb).isFalse();
      assertThat(lease.names("coordination.k8s.io", "leases", verb)).containsExactly("ops-lock");
    }
    assertThat(chart.arg("--lease-name")).isEqualTo("ops-lock");
  }
}

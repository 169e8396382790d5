package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recorded requests map to the (group, resource, namespace, verb) the RBAC authorizer checks. */
class ApiCallTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      GET /apis/hatchet-operator.io/v1alpha1/hatchetworkerpools                         | hatchet-operator.io | hatchetworkerpools        | -  | list
      GET /apis/hatchet-operator.io/v1alpha1/hatchetworkerpools?watch=true&allowWatchBookmarks=true | hatchet-operator.io | hatchetworkerpools | - | watch
      GET /apis/hatchet-operator.io/v1alpha1/namespaces/ns1/hatchetworkerpools?resourceVersion=0 | hatchet-operator.io | hatchetworkerpools | ns1 | list
      GET /apis/apps/v1/namespaces/ns1/deployments/pool-a                               | apps                | deployments               | ns1 | get
      POST /apis/apps/v1/namespaces/ns1/deployments                                     | apps                | deployments               | ns1 | create
      PUT /apis/apps/v1/namespaces/ns1/deployments/pool-a                               | apps                | deployments               | ns1 | update
      PATCH /apis/hatchet-operator.io/v1alpha1/namespaces/ns1/hatchetworkerpools/a/status | hatchet-operator.io | hatchetworkerpools/status | ns1 | patch
      PUT /apis/apps/v1/namespaces/ns1/deployments/pool-a/scale                         | apps                | deployments/scale         | ns1 | update
      DELETE /apis/policy/v1/namespaces/ns1/poddisruptionbudgets/pool-a                 | policy              | poddisruptionbudgets      | ns1 | delete
      DELETE /api/v1/namespaces/ns1/pods                                                | ''                  | pods                      | ns1 | deletecollection
      GET /api/v1/namespaces/ns1/secrets/hatchet-token                                  | ''                  | secrets                   | ns1 | get
      PATCH /api/v1/namespaces/ns1/pods/pool-a-123                                      | ''                  | pods                      | ns1 | patch
      POST /api/v1/namespaces/ns1/events                                                | ''                  | events                    | ns1 | create
      GET /api/v1/watch/namespaces/ns1/pods                                             | ''                  | pods                      | ns1 | watch
      GET /api/v1/namespaces/ns1                                                        | ''                  | namespaces                | -   | get
      GET /api/v1/namespaces                                                            | ''                  | namespaces                | -   | list
      POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews                        | authorization.k8s.io | selfsubjectrulesreviews  | -   | create
      get /apis/coordination.k8s.io/v1/namespaces/ops/leases/lock                       | coordination.k8s.io | leases                    | ops | get
      """)
  void mapsToGroupResourceNamespaceAndVerb(String line, String group, String resource, String namespace,
      String verb) {
    ApiCall call = ApiCall.parse(line);

    assertThat(call.apiGroup()).isEqualTo(group);
    assertThat(call.resource()).isEqualTo(resource);
    assertThat(call.namespace()).isEqualTo(namespace == null ? "" : namespace);
    assertThat(call.verb()).isEqualTo(verb);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "/api/v1/pods", "GET /version", "GET /apis", "GET /api/v1", "OPTIONS /api/v1/pods",
      "GET /api/v1/namespaces/a/pods/b/log/extra"})
  void rejectsWhatIsNotAResourceRequestNamingTheLine(String line) {
    assertThatThrownBy(() -> ApiCall.parse(line)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + line.trim() + "'");
  }
}

package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad values stop {@code helm install} with a message naming the field and the value. */
class ValuesSchemaTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      replicaCount: 3                                   | at '/replicaCount': maximum: got 3, want 2
      replicaCount: -1                                  | at '/replicaCount': minimum: got -1, want 0
      replicaCount: "2"                                 | at '/replicaCount': got string, want integer
      logging: {format: xml}                            | at '/logging/format': value must be one of 'text', 'json'
      watchNamespaces: [Bad_NS]                         | at '/watchNamespaces/0': 'Bad_NS' does not match pattern
      watchNamespaces: [team-a, team-a]                 | at '/watchNamespaces': items at 0 and 1 are equal
      watchNamespaces: team-a                           | at '/watchNamespaces': got string, want array
      httpPort: 70000                                   | at '/httpPort': maximum: got 70,000, want 65,535
      metrics: {service: {port: 0}}                     | at '/metrics/service/port': minimum: got 0, want 1
      probes: {liveness: {periodSeconds: 0}}            | at '/probes/liveness/periodSeconds': minimum: got 0, want 1
      logging: {format: JSON}                           | at '/logging/format': value must be one of 'text', 'json'
      logging: {level: VERBOSE}                         | at '/logging/level': value must be one of 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'
      reconcile: {resyncInterval: 5 minutes}            | at '/reconcile/resyncInterval': '5 minutes' does not match pattern
      reconcile: {threads: 0}                           | at '/reconcile/threads': minimum: got 0, want 1
      metrics: {serviceMonitor: {interval: 30}}         | at '/metrics/serviceMonitor/interval': got number, want string
      metrics: {serviceMonitor: {scrapeTimeout: soon}}  | at '/metrics/serviceMonitor/scrapeTimeout': 'soon' does not match pattern
      metrics: {service: {type: ExternalName}}          | at '/metrics/service/type': value must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'
      leaderElection: {enabled: "yes"}                  | at '/leaderElection/enabled': got string, want boolean
      leaderElection: {leaseName: My_Lease}             | at '/leaderElection/leaseName': 'My_Lease' does not match pattern
      image: {pullPolicy: Sometimes}                    | at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'
      image: {repository: ""}                           | at '/image/repository': minLength: got 0, want 1
      resources: {limits: {memory: lots}}               | at '/resources/limits/memory': 'lots' does not match pattern
      resources: {limits: {gpu: 1}}                     | at '/resources/limits': additional properties 'gpu' not allowed
      serverSideApply: 1                                | at '/serverSideApply': got number, want boolean
      podDisruptionBudget: {enabled: true, minAvailable: 1} | at '/podDisruptionBudget': additional properties 'minAvailable' not allowed
      rbac: {create: null}                              | at '/rbac': missing property 'create'
      watchNamespace: [team-a]                          | at '': additional properties 'watchNamespace' not allowed
      """)
  void schemaRejects(String values, String expectedMessage) {
    assertThatThrownBy(() -> ChartRenderer.render(values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(expectedMessage);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {replicaCount: 2, leaderElection: {enabled: false}}            | replicaCount=2 needs leaderElection.enabled=true
      {metrics: {service: {enabled: false}, serviceMonitor: {enabled: true}}} | metrics.serviceMonitor.enabled=true needs metrics.service.enabled=true
      {podDisruptionBudget: {enabled: true}}                          | podDisruptionBudget.enabled=true needs replicaCount=2 (it is 1)
      """)
  void templatesRejectContradictoryValues(String values, String expectedMessage) {
    assertThatThrownBy(() -> ChartRenderer.render(values)).hasMessageContaining(expectedMessage);
  }
}

{{/*
The operator's settings, as the environment variables its settings class reads. One place: the Deployment
renders them and hashes them into a pod annotation so that a settings change rolls the pods.
*/}}
{{- define "hwo.settingsEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: OPERATOR_WATCH_NAMESPACES
  value: {{ join "," .Values.watchNamespaces | quote }}
- name: OPERATOR_LEADER_ELECTION
  value: {{ .Values.leaderElection.enabled | quote }}
- name: OPERATOR_LEASE_NAME
  value: {{ .Values.leaderElection.leaseName | quote }}
- name: OPERATOR_LEASE_NAMESPACE
  value: {{ .Release.Namespace | quote }}
- name: OPERATOR_SERVER_SIDE_APPLY
  value: {{ .Values.serverSideApply | quote }}
- name: OPERATOR_LOG_FORMAT
  value: {{ .Values.logging.format | quote }}
- name: OPERATOR_LOG_LEVEL
  value: {{ .Values.logging.level | quote }}
- name: OPERATOR_HEALTH_PORT
  value: {{ .Values.health.port | quote }}
- name: OPERATOR_METRICS_PORT
  value: {{ .Values.metrics.port | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.jvmOptions | quote }}
{{- end }}

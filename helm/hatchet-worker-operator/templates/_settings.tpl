{{/*
The operator's settings (OperatorSettings, through OperatorMain's command-line options), in one place: the
Deployment renders them as container args and hashes them into a pod annotation, so a change rolls the pods.
*/}}
{{- define "hwo.settingsArgs" -}}
{{- if .Values.watchNamespaces }}
- --namespaces={{ join "," .Values.watchNamespaces }}
{{- end }}
- --leader-election={{ .Values.leaderElection.enabled }}
- --lease-name={{ .Values.leaderElection.leaseName }}
- --lease-namespace={{ .Release.Namespace }}
- --server-side-apply={{ .Values.serverSideApply }}
- --http-port={{ .Values.httpPort }}
- --json-logs={{ eq .Values.logging.format "json" }}
{{- end }}

{{/*
The operator's settings, as OperatorMain's command-line options (operator/src/main/java/.../app/OperatorMain.java),
in one place: the Deployment passes them as container args and hashes them into a pod annotation, so a change
rolls the pods.
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
- --log-format={{ .Values.logging.format }}
- --log-level={{ .Values.logging.level }}
- --resync-interval={{ .Values.reconcile.resyncInterval }}
- --secret-retry-max={{ .Values.reconcile.secretRetryMax }}
- --reconcile-threads={{ .Values.reconcile.threads }}
{{- end }}

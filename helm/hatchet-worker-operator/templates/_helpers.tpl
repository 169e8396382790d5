{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "hwo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: release name, plus the chart name unless the release already contains it. */}}
{{- define "hwo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels every object carries. */}}
{{- define "hwo.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "hwo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels the Deployment selects its pods by; never change them on upgrade. */}}
{{- define "hwo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hwo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{/* The ServiceAccount the operator runs as. */}}
{{- define "hwo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "hwo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The operator image, tag defaulting to the chart's appVersion. */}}
{{- define "hwo.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Rules on namespaced resources, granted cluster-wide (ClusterRole) or per watched namespace (Role).
Each verb is one the operator uses; chart-tests' OperatorRbacCoverageTest proves it against the calls
the operator's test suite records.
*/}}
{{- define "hwo.namespacedRules" -}}
# Watch pools; JOSDK patches them to add its finalizer and writes their status.
- apiGroups: ["hatchet-operator.io"]
  resources: ["hatchetworkerpools"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["hatchet-operator.io"]
  resources: ["hatchetworkerpools/status"]
  verbs: ["get", "patch", "update"]
# The Deployment each pool renders into.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# The optional PodDisruptionBudget of a pool.
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# Engine token and TLS Secrets referenced by pools: read only.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
# Worker pods: matched to engine workers; patched with pod-deletion-cost before a scale-down.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "patch"]
# Events explaining reconciliations and scaling decisions.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}

{{/* Rules on cluster-scoped resources; always in the ClusterRole. */}}
{{- define "hwo.clusterRules" -}}
# JOSDK asks which verbs it holds on Leases before it starts leader election.
- apiGroups: ["authorization.k8s.io"]
  resources: ["selfsubjectrulesreviews"]
  verbs: ["create"]
{{- end }}

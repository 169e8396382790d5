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

{{/*
The operator image: [registry/]repository, then @digest when set (the digest pins the exact image and wins over the
tag), else :tag (default: the chart's appVersion).
*/}}
{{- define "hwo.image" -}}
{{- $repository := .Values.image.repository }}
{{- with .Values.image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Rules on namespaced resources, granted cluster-wide (ClusterRole) or per watched namespace (Role).
Each verb is one the operator uses: chart-tests' OperatorRbacCoverageTest checks them against the requests
the operator's test suite records, and docs/operations.md says what each rule is for.
*/}}
{{- define "hwo.namespacedRules" -}}
# Pools: JOSDK lists and watches them; autoscaling merge-patches its state annotation (never the spec),
# sent for a name-only copy of the pool, so no read (get) comes before it.
- apiGroups: ["hatchet-operator.io"]
  resources: ["hatchetworkerpools"]
  verbs: ["list", "watch", "patch"]
# The pool's status (replicas, conditions, last decision).
- apiGroups: ["hatchet-operator.io"]
  resources: ["hatchetworkerpools/status"]
  verbs: ["patch"]
# Owned objects carry blockOwnerDeletion; admission (OwnerReferencesPermissionEnforcement) then wants this.
- apiGroups: ["hatchet-operator.io"]
  resources: ["hatchetworkerpools/finalizers"]
  verbs: ["update"]
# The Deployment each pool renders into: informer, create, update (or server-side apply = patch); get looks for a
# Deployment of the pool's name it does not own (reported, never taken over) before creating one.
# Never deleted by the operator: the garbage collector removes it with its pool.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch"]
# The optional PodDisruptionBudget of a pool, deleted when spec.disruptionBudget is removed.
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "update", "patch", "delete"]
# The engine token and TLS Secrets a pool names: each watched on its own (list and watch with the field selector
# metadata.name, which resourceNames can restrict), never listed in bulk; with rbac.secretNames, only those Secrets.
- apiGroups: [""]
  resources: ["secrets"]
  {{- with .Values.rbac.secretNames }}
  resourceNames:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  verbs: ["list", "watch"]
# Worker pods of autoscaled pools: an informer by the pool label, and given (or relieved of) the lowest
# controller.kubernetes.io/pod-deletion-cost just before a scale-down.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "patch"]
# Events on pools (kubectl describe hwp): created, then patched (count, lastTimestamp) when they repeat.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}

{{/* Rules on cluster-scoped resources; in the ClusterRole, only with leader election. */}}
{{- define "hwo.clusterRules" -}}
# JOSDK checks its Lease permissions with a SelfSubjectRulesReview before it starts leader election.
- apiGroups: ["authorization.k8s.io"]
  resources: ["selfsubjectrulesreviews"]
  verbs: ["create"]
{{- end }}

{{/* The operator hard-codes its object names (Service hoop-operator-webhook, Secret hoop-operator-webhook-tls,
webhook configurations hoop-operator), so the chart names its objects the same way instead of after the release. */}}
{{- define "hoop.name" -}}hoop-operator{{- end -}}

{{- define "hoop.labels" -}}
app.kubernetes.io/name: hoop
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "hoop.selectorLabels" -}}
app.kubernetes.io/name: hoop
app.kubernetes.io/component: operator
{{- end -}}

{{- define "hoop.operatorImage" -}}
{{ .Values.operator.image.repository }}:{{ .Values.operator.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "hoop.gatewayImage" -}}
{{ .Values.gateway.image.repository }}:{{ .Values.gateway.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "hoop.leaderElect" -}}
{{- if kindIs "bool" .Values.operator.leaderElection -}}
{{ .Values.operator.leaderElection }}
{{- else -}}
{{ gt (int .Values.operator.replicas) 1 }}
{{- end -}}
{{- end -}}

{{/* Adds sync-wave and release labels to a static document read from the chart's files. */}}
{{- define "hoop.staticDocuments" -}}
{{- $root := index . 0 -}}
{{- $wave := index . 2 -}}
{{- range $document := splitList "\n---\n" ($root.Files.Get (index . 1)) }}
{{- $object := fromYaml $document }}
{{- if $object }}
{{- $_ := set $object.metadata "labels" (merge (default dict $object.metadata.labels) (fromYaml (include "hoop.labels" $root))) }}
{{- $_ := set $object.metadata "annotations" (merge (default dict $object.metadata.annotations) (dict "argocd.argoproj.io/sync-wave" $wave)) }}
---
{{ toYaml $object }}
{{- end }}
{{- end }}
{{- end -}}

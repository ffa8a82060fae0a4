{{- define "dokumentdeling.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dokumentdeling.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dokumentdeling.labels" -}}
app.kubernetes.io/name: {{ include "dokumentdeling.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "dokumentdeling.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dokumentdeling.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

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
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "dokumentdeling.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dokumentdeling.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "dokumentdeling.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "dokumentdeling.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "dokumentdeling.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The external FHIR base: without it links, attachment URLs and the DPoP htu check are wrong behind the ingress. */}}
{{- define "dokumentdeling.publicBaseUrl" -}}
{{- required "publicBaseUrl is required: the FHIR base URL clients use, e.g. https://dokumentdeling.example.no/fhir" .Values.publicBaseUrl -}}
{{- end -}}

{{/* The pool size per pod, refused when the most pods there can be (replicas, the rolling update's 25 % surge and the
migration Job) would open more connections than database.maxConnections. */}}
{{- define "dokumentdeling.poolSize" -}}
{{- $replicas := ternary .Values.autoscaling.maxReplicas .Values.replicaCount .Values.autoscaling.enabled | int -}}
{{- $pods := add $replicas (div (add $replicas 3) 4) 1 -}}
{{- $connections := mul .Values.database.poolSize $pods -}}
{{- if gt (int $connections) (int .Values.database.maxConnections) -}}
{{- fail (printf "database.poolSize %v x %d pods (replicas, rolling-update surge, migration Job) = %d connections, over database.maxConnections %v" .Values.database.poolSize $pods $connections .Values.database.maxConnections) -}}
{{- end -}}
{{- .Values.database.poolSize -}}
{{- end -}}

{{/* The datasource, for the server and the migration Job alike. */}}
{{- define "dokumentdeling.databaseEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ required "database.url is required, e.g. jdbc:postgresql://postgres:5432/dokumentdeling" .Values.database.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required: a Secret with the database user's name and password" .Values.database.existingSecret }}
      key: {{ .Values.database.usernameKey }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.passwordKey }}
- name: SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE
  value: {{ include "dokumentdeling.poolSize" . | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaOpts | quote }}
{{- with .Values.env }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The server's configuration file: issuers as a list, the public base URL, shutdown and management port. */}}
{{- define "dokumentdeling.config" -}}
{{- $issuers := list -}}
{{- range .Values.security.issuers -}}
{{- $dpop := true -}}
{{- if hasKey . "requireDpop" }}{{ $dpop = .requireDpop }}{{ end -}}
{{- $issuers = append $issuers (dict "issuer" (required "security.issuers[].issuer is required" .issuer) "jwks-uri" (required "security.issuers[].jwksUri is required" .jwksUri) "require-dpop" $dpop) -}}
{{- end -}}
{{- $config := dict
  "dokumentdeling" (dict
    "fhir" (dict "public-base-url" (include "dokumentdeling.publicBaseUrl" .))
    "security" (dict "audience" .Values.security.audience "issuers" $issuers)
    "storage" (dict "max-upload-size" .Values.storage.maxUploadSize))
  "management" (dict "server" (dict "port" .Values.management.port))
  "server" (dict "shutdown" "graceful")
  "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" .Values.lifecycle.shutdownTimeout)) -}}
{{- toYaml (mustMergeOverwrite $config (deepCopy .Values.config)) -}}
{{- end -}}

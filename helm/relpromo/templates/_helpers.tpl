{{/* The release's name prefix: the release name alone when it already says "relpromo". */}}
{{- define "relpromo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries. */}}
{{- define "relpromo.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "name" $name). */}}
{{- define "relpromo.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* The store's claim: an existing one or the chart's own. */}}
{{- define "relpromo.storeClaim" -}}
{{- .Values.store.pvc.existingClaim | default (printf "%s-store" (include "relpromo.fullname" .)) -}}
{{- end -}}

{{/* RELPROMO_STORE: the mounted volume's path, or the bucket as an s3:// URL. */}}
{{- define "relpromo.storeLocation" -}}
{{- if eq .Values.store.type "s3" -}}
{{- $prefix := .Values.store.s3.prefix | default "" | trimAll "/" -}}
{{- if $prefix -}}
{{- printf "s3://%s/%s" .Values.store.s3.bucket $prefix -}}
{{- else -}}
{{- printf "s3://%s" .Values.store.s3.bucket -}}
{{- end -}}
{{- else -}}
{{- .Values.store.pvc.mountPath -}}
{{- end -}}
{{- end -}}

{{/* Environment shared by every component: Kafka, the store, the build sources. */}}
{{- define "relpromo.commonEnv" -}}
- name: RELPROMO_INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: RELPROMO_REPLICATION_FACTOR
  value: {{ .Values.kafka.replicationFactor | quote }}
- name: RELPROMO_MIN_INSYNC_REPLICAS
  value: {{ .Values.kafka.minInsyncReplicas | quote }}
{{- with .Values.kafka.clientConfig }}
{{- if .secretName }}
- name: RELPROMO_KAFKA_CONFIG
  value: {{ printf "%s/%s" (.mountPath | trimSuffix "/") .key | quote }}
{{- end }}
{{- end }}
- name: RELPROMO_STORE
  value: {{ include "relpromo.storeLocation" . | quote }}
{{- if eq .Values.store.type "s3" }}
{{- with .Values.store.s3 }}
{{- if .region }}
- name: AWS_REGION
  value: {{ .region | quote }}
{{- end }}
{{- if .endpoint }}
- name: AWS_ENDPOINT_URL
  value: {{ .endpoint | quote }}
{{- end }}
- name: RELPROMO_S3_PATH_STYLE
  value: {{ .pathStyle | default false | quote }}
{{- with .credentialsSecret }}
{{- if .name }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .secretAccessKeyKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- with .Values.buildSources }}
- name: RELPROMO_BUILD_SOURCES
  value: {{ join "," . | quote }}
{{- end }}
{{- end -}}

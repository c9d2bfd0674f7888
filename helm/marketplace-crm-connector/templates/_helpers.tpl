{{/* The chart's name, or nameOverride. */}}
{{- define "connector.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: names every object (63 characters at most, as Kubernetes names must be). */}}
{{- define "connector.fullname" -}}
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

{{- define "connector.selectorLabels" -}}
app.kubernetes.io/name: {{ include "connector.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "connector.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "connector.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The helm test pod's labels: this release's (instance), but not the connector's name, so that none of the chart's
selectors takes it for a connector pod: the Deployment's, the PodDisruptionBudget's, the metrics Service's, the
NetworkPolicy's, and the leader election's candidates (camel.cluster.kubernetes.cluster-labels).
*/}}
{{- define "connector.testSelectorLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
{{- end }}

{{- define "connector.testLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "connector.testSelectorLabels" . }}
app.kubernetes.io/part-of: {{ include "connector.name" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "connector.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "connector.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "connector.salesforceSecretName" -}}
{{- default (printf "%s-salesforce" (include "connector.fullname" .)) .Values.salesforce.existingSecret }}
{{- end }}

{{/* Where the pod finds its files. */}}
{{- define "connector.configDir" -}}/config/app{{- end }}
{{- define "connector.routesDir" -}}/config/routes{{- end }}
{{- define "connector.salesforceKeyDir" -}}/etc/connector/salesforce{{- end }}

{{/*
The connector settings the chart owns, in config/application.yaml's shape, with the user's .Values.config merged
over them. This is the one place where chart values meet the connector's property names (management port, leader
election, Salesforce login, seller accounts). Secrets stay out of it: they are ${...} placeholders that the
connector resolves from environment variables filled from the Salesforce Secret.
*/}}
{{- define "connector.applicationConfig" -}}
{{- $accounts := list }}
{{- range .Values.sellerAccounts }}
{{- $accounts = append $accounts (dict "account-id" .accountId "role-arn" .roleArn "region" .region "eula-bucket" .eulaBucket) }}
{{- end }}
{{- $salesforce := dict "login-url" .Values.salesforce.loginUrl "client-id" "${SF_CLIENT_ID}" }}
{{- $connector := dict "seller-accounts" $accounts "leader-election" (dict "enabled" .Values.leaderElection.enabled) }}
{{- if eq .Values.salesforce.auth "jwt" }}
{{- $_ := set $salesforce "authentication-type" "JWT" }}
{{- $_ := set $salesforce "user-name" "${SF_USERNAME}" }}
{{- $_ := set $salesforce "keystore" "#bean:salesforceKeyStore" }}
{{- $keyStore := printf "file:%s/%s" (include "connector.salesforceKeyDir" .) .Values.salesforce.secretKeys.keyStore }}
{{- $_ := set $connector "salesforce" (dict "jwt" (dict "key-store" $keyStore "key-store-password" "${SF_KEY_STORE_PASSWORD}")) }}
{{- else }}
{{- $_ := set $salesforce "authentication-type" "CLIENT_CREDENTIALS" }}
{{- $_ := set $salesforce "client-secret" "${SF_CLIENT_SECRET}" }}
{{- end }}
{{- $camel := dict "component" (dict "salesforce" $salesforce) }}
{{- if .Values.leaderElection.enabled }}
{{- $labels := dict "[app.kubernetes.io/name]" (include "connector.name" .) "[app.kubernetes.io/instance]" .Release.Name }}
{{- $leaseName := default (include "connector.fullname" .) .Values.leaderElection.leaseName }}
{{- $_ := set $camel "cluster" (dict "kubernetes" (dict "config-map-name" $leaseName "cluster-labels" $labels)) }}
{{- end }}
{{- /* The connector serves nothing but the actuator: one web server on the management port, not a second one beside it
       (a second costs start-up time; docs/benchmarks.md, row 6). */}}
{{- $management := dict
      "endpoints" (dict "web" (dict "exposure" (dict "include" "health,prometheus")))
      "endpoint" (dict "health" (dict "probes" (dict "enabled" true))) }}
{{- $chart := dict "server" (dict "port" .Values.management.port) "management" $management "camel" $camel "connector" $connector }}
{{- if eq .Values.logs.format "json" }}
{{- $_ := set $chart "logging" (dict "structured" (dict "format" (dict "console" "ecs"))) }}
{{- end }}
{{- toYaml (mustMergeOverwrite $chart (deepCopy .Values.config)) }}
{{- end }}

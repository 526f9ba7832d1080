#!/usr/bin/env bash
# Mints an RS256 JWT that query-service and processor-service in docker compose accept
# (iss=the-eye-demo, aud=the-eye, a groups claim). DEMO ONLY: it signs with the key pair committed
# beside it, which anyone can read; the services refuse to start with that key outside the dev
# profile. A real deployment gets its tokens from the identity provider.
#
# The services take tokens issued at most a day ago and minted to live at most a day, so mint a
# fresh one when it expires (default 12 hours).
#
# usage: deploy/compose/mint-token.sh <user> <analyst|admin> [hours valid, 1-24, default 12] [private key pem]
set -euo pipefail

usage="usage: mint-token.sh <user> <analyst|admin> [hours 1-24] [private-key.pem]"
user="${1:?$usage}"
group="${2:?$usage}"
hours="${3:-12}"
key="${4:-$(dirname "$0")/jwt/private-key.pem}"

case "$group" in
  analyst | admin) ;;
  *) echo "group must be analyst or admin, got '$group'" >&2; exit 2 ;;
esac
if ! [[ "$hours" =~ ^[0-9]+$ ]] || [ "$hours" -lt 1 ] || [ "$hours" -gt 24 ]; then
  echo "hours must be between 1 and 24 (the services refuse longer-lived tokens), got '$hours'" >&2
  exit 2
fi

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now="$(date +%s)"
exp=$((now + hours * 3600))
jti="$(openssl rand -hex 16)"
header='{"alg":"RS256","typ":"JWT"}'
payload="{\"iss\":\"the-eye-demo\",\"aud\":\"the-eye\",\"sub\":\"${user}\",\"upn\":\"${user}\",\"groups\":[\"${group}\"],\"iat\":${now},\"exp\":${exp},\"jti\":\"${jti}\"}"

signing_input="$(printf '%s' "$header" | base64url).$(printf '%s' "$payload" | base64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | base64url)"
printf '%s.%s\n' "$signing_input" "$signature"

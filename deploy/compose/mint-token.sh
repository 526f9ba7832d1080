#!/usr/bin/env bash
# Mints an RS256 JWT that query-service and processor-service accept (iss=the-eye, groups claim).
# DEMO ONLY: it signs with the key pair committed beside it, which anyone can read. Never use that
# key pair outside docker compose; a real deployment gets its tokens from the identity provider.
#
# usage: deploy/compose/mint-token.sh <user> <analyst|admin> [days valid, default 30] [private key pem]
set -euo pipefail

user="${1:?usage: mint-token.sh <user> <analyst|admin> [days] [private-key.pem]}"
group="${2:?usage: mint-token.sh <user> <analyst|admin> [days] [private-key.pem]}"
days="${3:-30}"
key="${4:-$(dirname "$0")/jwt/private-key.pem}"

case "$group" in
  analyst | admin) ;;
  *) echo "group must be analyst or admin, got '$group'" >&2; exit 2 ;;
esac

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now="$(date +%s)"
exp=$((now + days * 86400))
jti="$(openssl rand -hex 16)"
header='{"alg":"RS256","typ":"JWT"}'
payload="{\"iss\":\"the-eye\",\"sub\":\"${user}\",\"upn\":\"${user}\",\"groups\":[\"${group}\"],\"iat\":${now},\"exp\":${exp},\"jti\":\"${jti}\"}"

signing_input="$(printf '%s' "$header" | base64url).$(printf '%s' "$payload" | base64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | base64url)"
printf '%s.%s\n' "$signing_input" "$signature"

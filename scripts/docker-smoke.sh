#!/usr/bin/env bash
# Builds the Dockerfile and runs the image as an operator would, on host networking (these machines
# have no bridge and reach no image registry; ../shared/tools/docker-local.sh starts an engine and
# makes the node base image locally). Checks: the HEALTHCHECK turns healthy, an award is issued and
# verifies, a new container on the same volume still serves and verifies it, the process is not
# root. Prints the image size and how long the build and the smoke took. Exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

image=stackable-credentials:smoke
name=stackable-credentials-smoke
volume=stackable-credentials-smoke-data
admin=smoke-admin-key-0123456789abcdefghijklmnop
secret=smoke-encryption-secret-0123456789abcdefghij
fail() {
  echo "docker smoke: FAILED: $*" >&2
  docker logs "$name" 2>&1 | tail -30 >&2 || true
  exit 1
}
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker volume rm "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT

started=$(date +%s)
bash ../shared/tools/docker-local.sh >/dev/null
engine_ready=$(date +%s)
DOCKER_BUILDKIT=0 docker build --network host -q -t "$image" . >/dev/null || fail "docker build"
built=$(date +%s)

port=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => {
  console.log(s.address().port); s.close(); });")
base="http://127.0.0.1:$port"
cleanup
docker volume create "$volume" >/dev/null

# The Dockerfile's HEALTHCHECK command, probed every 2 s instead of 30 s so the smoke does not wait.
run_container() {
  docker run -d --name "$name" --network host --health-interval=2s --health-start-period=60s \
    -v "$volume:/data" -e PORT="$port" -e PUBLIC_URL="$base" \
    -e ADMIN_API_KEY="$admin" -e KEY_ENCRYPTION_SECRET="$secret" "$image" >/dev/null
  local health=
  for _ in $(seq 90); do
    health=$(docker inspect --format '{{.State.Health.Status}}' "$name")
    [ "$health" = healthy ] && break
    [ "$(docker inspect --format '{{.State.Running}}' "$name")" = true ] || fail "container exited"
    sleep 1
  done
  [ "$health" = healthy ] || fail "health is '$health' after 90 s"
  curl -fsS "$base/readyz" >/dev/null || fail "/readyz is not ready"
  echo "docker smoke: container healthy and ready"
}

verify() {
  local verdict
  verdict=$(jq '{verifiableCredential: .}' | curl -sS -X POST "$base/credentials/verify" \
    -H 'Content-Type: application/json' -d @- | jq -r .verified)
  [ "$verdict" = true ] || fail "$1 does not verify (verified: $verdict)"
}

run_container
uid=$(docker exec "$name" id -u)
[ "$uid" != 0 ] || fail "the service runs as root"
echo "docker smoke: service runs as uid $uid"

issuer_key=$(curl -fsS -X POST "$base/issuers" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' \
  -d '{"slug":"smoke","name":"Smoke Test Issuer","url":"https://smoke.example"}' | jq -r .apiKey) \
  || fail "creating an issuer"
award=$(curl -fsS -X POST "$base/issuers/smoke/awards" -H "Authorization: Bearer $issuer_key" \
  -H 'Content-Type: application/json' \
  -d '{"achievement":{"name":"Container basics","description":"Runs a service in a container.",
       "criteria":{"narrative":"Ran the image."}},"recipient":{"email":"ana@example.org"}}') \
  || fail "issuing an award"
url=$(jq -r .url <<<"$award")
jq .credential <<<"$award" | verify "the new award"
echo "docker smoke: award issued and verified ($url)"

docker stop "$name" >/dev/null
docker rm "$name" >/dev/null
run_container
fetched=$(curl -fsS -H 'Accept: application/json' "$url") || fail "fetching $url after the restart"
verify "the award after the restart" <<<"$fetched"
echo "docker smoke: a new container on the same volume serves the award and it verifies"

size=$(docker image inspect --format '{{.Size}}' "$image")
finished=$(date +%s)
echo "docker smoke: image size $((size / 1000000)) MB"
echo "docker smoke: engine and base image $((engine_ready - started)) s, build $((built - engine_ready)) s, run checks $((finished - built)) s"

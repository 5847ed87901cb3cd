#!/bin/sh
# Renders alertmanager.yml (a template, beside this script) from the environment, then
# runs the command given as arguments (Alertmanager itself in docker-compose.yml). With no
# arguments it only renders, which is how the tests check the result with amtool.
#
#   ALERTMANAGER_PAGER      opsgenie | pagerduty | none (default): where severity=page goes
#   OPSGENIE_API_KEY        Opsgenie or JSM Ops API integration key (or OPSGENIE_API_KEY_FILE)
#   OPSGENIE_API_URL        default https://api.opsgenie.com/ (EU: https://api.eu.opsgenie.com/)
#   PAGERDUTY_ROUTING_KEY   PagerDuty Events API v2 integration key (or PAGERDUTY_ROUTING_KEY_FILE)
#   TICKET_WEBHOOK_URL      where severity=ticket goes (a webhook receiver); unset: nowhere
#   ALERTMANAGER_RENDERED_DIR  output directory (default /alertmanager/config)
#
# Keys given as values are written to files readable only by this user; the rendered
# config names those files (Alertmanager's *_file fields), never the keys themselves.
set -eu

here=$(dirname "$0")
template=${ALERTMANAGER_TEMPLATE:-$here/alertmanager.yml}
out=${ALERTMANAGER_RENDERED_DIR:-/alertmanager/config}
pager=${ALERTMANAGER_PAGER:-none}

fail() {
  echo "alertmanager-entrypoint: $*" >&2
  exit 1
}

# The path of a file holding secret $1: ${1}_FILE as given, or $1's value written to $out/$2.
secret_file() {
  eval "given=\${${1}_FILE:-}"
  eval "value=\${${1}:-}"
  if [ -n "$given" ]; then
    [ -r "$given" ] || fail "${1}_FILE=$given is not a readable file"
    printf '%s' "$given"
  elif [ -n "$value" ]; then
    (umask 077 && printf '%s' "$value" >"$out/$2")
    printf '%s' "$out/$2"
  else
    fail "ALERTMANAGER_PAGER=$pager needs $1 or ${1}_FILE"
  fi
}

# Values land inside double-quoted YAML strings and a sed replacement: refuse what would
# break either, rather than escape it.
check_value() {
  case $2 in
    *'"'* | *'\'* | *'
'*) fail "$1 must not contain quotes, backslashes or newlines" ;;
  esac
}
check_url() {
  check_value "$1" "$2"
  case $2 in
    http://?* | https://?*) ;;
    *) fail "$1 must be an http:// or https:// URL" ;;
  esac
  case $2 in *' '* | *'	'*) fail "$1 must not contain spaces" ;; esac
}

# sed: keep a feature's tagged lines (tag removed) or delete them.
feature() {
  if [ "$2" = on ]; then printf 's/[[:space:]]*#@ %s$//' "$1"; else printf '/#@ %s$/d' "$1"; fi
}
replacement() { printf '%s' "$1" | sed 's/[&|]/\\&/g'; }

[ -r "$template" ] || fail "template $template is not readable"
mkdir -p "$out"
opsgenie=off pagerduty=off ticket=off
opsgenie_key='' opsgenie_url='' pagerduty_key='' ticket_url=''
case $pager in
  opsgenie)
    opsgenie=on
    opsgenie_key=$(secret_file OPSGENIE_API_KEY opsgenie_api_key)
    opsgenie_url=${OPSGENIE_API_URL:-https://api.opsgenie.com/}
    check_url OPSGENIE_API_URL "$opsgenie_url"
    ;;
  pagerduty)
    pagerduty=on
    pagerduty_key=$(secret_file PAGERDUTY_ROUTING_KEY pagerduty_routing_key)
    ;;
  none) echo "alertmanager-entrypoint: ALERTMANAGER_PAGER=none: severity=page alerts notify no one" >&2 ;;
  *) fail "ALERTMANAGER_PAGER must be opsgenie, pagerduty or none, got '$pager'" ;;
esac
check_value OPSGENIE_API_KEY_FILE "$opsgenie_key"
check_value PAGERDUTY_ROUTING_KEY_FILE "$pagerduty_key"
if [ -n "${TICKET_WEBHOOK_URL:-}" ]; then
  ticket=on
  ticket_url=$TICKET_WEBHOOK_URL
  check_url TICKET_WEBHOOK_URL "$ticket_url"
fi

{
  echo "# Rendered by entrypoint.sh from $template at container start: edit the template."
  # Comment lines go: the template's own explain the markers this step removes.
  sed -e '/^[[:space:]]*#/d' -e "$(feature opsgenie $opsgenie)" \
  -e "$(feature pagerduty $pagerduty)" -e "$(feature ticket $ticket)" \
  -e "s|\${OPSGENIE_API_KEY_FILE}|$(replacement "$opsgenie_key")|g" \
  -e "s|\${OPSGENIE_API_URL}|$(replacement "$opsgenie_url")|g" \
  -e "s|\${PAGERDUTY_ROUTING_KEY_FILE}|$(replacement "$pagerduty_key")|g" \
  -e "s|\${TICKET_WEBHOOK_URL}|$(replacement "$ticket_url")|g" \
  "$template"
} >"$out/alertmanager.yml.new"
if grep -n -e '\${' -e '#@' "$out/alertmanager.yml.new" >&2; then
  fail "placeholders left unrendered in $template (lines above)"
fi
mv "$out/alertmanager.yml.new" "$out/alertmanager.yml"
echo "alertmanager-entrypoint: rendered $out/alertmanager.yml (page: $pager, ticket: $ticket)" >&2

[ "$#" -eq 0 ] || exec "$@"

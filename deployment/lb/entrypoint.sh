#!/bin/sh
# Picks the upstream configuration by LB_MODE (round-robin | sticky) and runs nginx in the foreground.
set -e
case "${LB_MODE:-round-robin}" in
  round-robin|sticky) ;;
  *) echo "LB_MODE must be round-robin or sticky, not '$LB_MODE'" >&2; exit 2 ;;
esac
ln -sf "/etc/nginx/tandem/tandem-${LB_MODE:-round-robin}.conf" /etc/nginx/tandem/upstream.conf
echo "[lb] mode ${LB_MODE:-round-robin}" >&2
nginx -t -q
exec nginx -g 'daemon off;'

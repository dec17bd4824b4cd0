#!/usr/bin/env bash
# Debian packages for PDF output and its tests (LibreOffice, poppler, CJK fonts), and the
# free Fandol faces that stand in for the official Chinese fonts. Needs root.
set -euo pipefail
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -d /usr/share/fonts/truetype/arphic ] || need+=(fonts-arphic-ukai fonts-arphic-uming)
[ -d /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

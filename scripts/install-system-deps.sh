#!/usr/bin/env bash
# Debian packages for PDF output and its tests (LibreOffice, poppler, CJK fonts), and the
# free Fandol faces that stand in for the official Chinese fonts. Needs root.
#   --dev   also pandoc, which only plangen's own tests and `npm run bench` use
set -euo pipefail
dev=false
for arg in "$@"; do
  case "$arg" in
    --dev) dev=true ;;
    *) echo "install-system-deps.sh: unknown option $arg (only --dev)" >&2; exit 2 ;;
  esac
done
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -d /usr/share/fonts/truetype/arphic ] || need+=(fonts-arphic-ukai fonts-arphic-uming)
[ -d /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
[ -d /usr/share/fonts/truetype/wqy ] || need+=(fonts-wqy-zenhei)
# pandoc writes the DOCX that test/import/other-writers.test.ts imports (skipped without it)
# and is the bench's baseline; offices' CI does not need it.
if $dev; then command -v pandoc >/dev/null || need+=(pandoc); fi
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Fandol faces (FandolFang/Hei/Kai/Song) from Debian's texlive-lang-chinese, without TeX:
# download the package, extract only the font folder. The -Bold files claim regular weight
# and would be picked for plain text, so they are left out (bold is synthesised from Regular).
fandol_dir=/usr/local/share/plangen/fonts/fandol
if [ ! -f "$fandol_dir/FandolFang-Regular.otf" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # _apt must be able to write where apt-get download drops the file.
  chmod 0777 "$work"
  if ! (cd "$work" && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1); then
    apt-get update -qq
    (cd "$work" && apt-get download -qq texlive-lang-chinese >/dev/null)
  fi
  deb=$(ls "$work"/texlive-lang-chinese_*.deb)
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" --wildcards '*/fonts/opentype/public/fandol/*'
  mkdir -p "$fandol_dir"
  for face in Fang Hei Kai Song; do
    find "$work" -path '*/fonts/opentype/public/fandol/*' -name "Fandol$face-Regular.otf" -exec cp {} "$fandol_dir/" \;
  done
  chmod 0644 "$fandol_dir"/*.otf
  rm -rf "$work"
  trap - EXIT
fi

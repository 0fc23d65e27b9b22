#!/usr/bin/env bash
# Debian packages the test suite uses: chromium (browser tests) and tesseract (OCR).
# Installs only what is missing; needs root (CI runs as root).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || missing+=(tesseract-ocr-eng)
[ -f /usr/share/tesseract-ocr/5/tessdata/nor.traineddata ] || missing+=(tesseract-ocr-nor)
# Orientation detection (pages scanned on their side or upside down).
[ -f /usr/share/tesseract-ocr/5/tessdata/osd.traineddata ] || missing+=(tesseract-ocr-osd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

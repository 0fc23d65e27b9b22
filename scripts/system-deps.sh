#!/usr/bin/env bash
# Debian packages the test suite uses: chromium (browser tests), tesseract (OCR), antiword
# (Word 97-2003 .doc files) and dovecot (a real IMAP server for the e-mail inbox tests).
# Installs only what is missing; needs root (CI runs as root).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || missing+=(tesseract-ocr-eng)
[ -f /usr/share/tesseract-ocr/5/tessdata/nor.traineddata ] || missing+=(tesseract-ocr-nor)
# Orientation detection (pages scanned on their side or upside down).
[ -f /usr/share/tesseract-ocr/5/tessdata/osd.traineddata ] || missing+=(tesseract-ocr-osd)
command -v antiword >/dev/null 2>&1 || missing+=(antiword)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# Sourced by ./yunrag test (and so by .ci/run): the OCR tests run Tesseract (Chinese simplified and traditional,
# English) through Tika on scans drawn with a CJK font. Installed when missing and running as root (CI is root);
# otherwise says what to install. The same packages give the service its embedded OCR (README, "Images and scans").
OCR_PACKAGES="tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng fonts-noto-cjk"
ocr_missing=""
for pkg in $OCR_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || ocr_missing="$ocr_missing $pkg"
done
if [ -n "$ocr_missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing$ocr_missing for the OCR tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $ocr_missing >/dev/null
  else
    echo "warning: the OCR tests need:$ocr_missing: sudo apt-get install$ocr_missing" >&2
  fi
fi
unset ocr_missing pkg

#!/usr/bin/env bash
# Installs the Debian packages the test suite needs and makes sure PostgreSQL answers:
# Chromium for the browser tests, and XGBoost, SciPy and scikit-learn, the references that the
# conformance tests compare against. Needs root; skips whatever is already there.
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
/usr/bin/python3 -c 'import xgboost, scipy, sklearn' 2>/dev/null ||
  missing+=(python3-xgboost python3-scipy python3-sklearn)

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "system-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "system-deps: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
echo "system-deps: chromium, python3-xgboost/scipy/sklearn and PostgreSQL are ready"

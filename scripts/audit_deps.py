"""Audit installed dependencies with pip-audit; skip with a clear message when the vulnerability data is unreachable."""

from __future__ import annotations

import json
import subprocess
import sys

TIMEOUT_S = 120


def main() -> int:
    """Exit 1 on a known vulnerability; 0 when clean or when the database cannot be reached (said loudly)."""
    cmd = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off", "-f", "json"]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        print(f"pip-audit SKIPPED: no answer from the vulnerability database within {TIMEOUT_S} s")
        return 0
    try:
        report = json.loads(run.stdout)
    except ValueError:
        print("pip-audit SKIPPED: the vulnerability database could not be reached\n" + run.stderr.strip()[-500:])
        return 0
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        print(f"VULNERABLE {dep['name']} {dep['version']}: {ids}")
    if vulnerable:
        return 1
    if not audited:
        print(f"pip-audit SKIPPED: the vulnerability database could not be reached for any of {len(deps)} packages "
              "(offline or a PyPI mirror without vulnerability data)")
        return 0
    print(f"pip-audit: {len(audited)} packages audited, no known vulnerabilities "
          f"({len(deps) - len(audited)} could not be checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

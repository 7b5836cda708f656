#!/usr/bin/env bash
# Executes one notebook top to bottom with nbconvert into a temporary copy (the committed
# notebook, with its outputs, is left as it is), on Debian's /usr/bin/python3 kernel and the
# given refrain binary.
#
#   tests/notebooks_test.sh [--update] NOTEBOOK REFRAIN [COMMAND...]
#
# --update writes the executed notebook back over NOTEBOOK: how the committed outputs are made.
#
# Exits 77 (CTest: skipped) when REFRAIN has not got one of the COMMANDs yet, or when
# python3-nbconvert / python3-ipykernel / python3-pandas / python3-matplotlib are not installed
# (scripts/packages.txt lists them); 1 when the notebook fails.
set -euo pipefail
update=0
if [[ ${1:-} == --update ]]; then
  update=1
  shift
fi
notebook=$(realpath "$1")
refrain=$(realpath "$2")
shift 2
python=/usr/bin/python3
for command in "$@"; do
  if ! "$refrain" "$command" --help > /dev/null 2>&1; then
    echo "skipped: $refrain has no '$command' command yet"
    exit 77
  fi
done
if ! "$python" -c 'import nbconvert, ipykernel, pandas, matplotlib' 2> /dev/null; then
  echo "skipped: $python lacks nbconvert, ipykernel, pandas or matplotlib (scripts/install-deps)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A kernelspec of our own, first on Jupyter's path: the kernel is Debian's python3 whatever
# other python3 or user kernelspec is around. Jupyter's and IPython's state stays in $work.
mkdir -p "$work/data/kernels/python3"
cat > "$work/data/kernels/python3/kernel.json" << JSON
{"argv": ["$python", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (Debian)", "language": "python"}
JSON
export JUPYTER_DATA_DIR="$work/data" JUPYTER_CONFIG_DIR="$work/config" IPYTHONDIR="$work/ipython"
export MPLCONFIGDIR="$work/matplotlib" REFRAIN="$refrain" PYDEVD_DISABLE_FILE_VALIDATION=1
export JUPYTER_PLATFORM_DIRS=1  # the platform dirs, not the deprecated ones (quiet warning)

"$python" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3 \
  --ExecutePreprocessor.timeout=600 --output-dir "$work" --output executed.ipynb "$notebook"
# The notebooks print the interpreter they ran on (refrain_nb.describe()).
if ! grep -q '(/usr/bin/python3)' "$work/executed.ipynb"; then
  echo "the kernel was not /usr/bin/python3" >&2
  exit 1
fi
if ((update)); then
  cp "$work/executed.ipynb" "$notebook"
fi
echo "executed $notebook"

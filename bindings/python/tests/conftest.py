"""Makes `import fastlinalg` work when pytest runs straight from the source tree.

ctest sets PYTHONPATH and FASTLINALG_LIBRARY. By hand, the package directory is added to
sys.path here, and when FASTLINALG_LIBRARY is unset the usual build folders are searched.
"""
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)
REPO_ROOT = os.path.dirname(os.path.dirname(PACKAGE_ROOT))

if PACKAGE_ROOT not in sys.path:
    sys.path.insert(0, PACKAGE_ROOT)

if not os.environ.get("FASTLINALG_LIBRARY"):
    found = sorted(glob.glob(os.path.join(REPO_ROOT, "build*", "src", "libfastlinalg.so")),
                   key=os.path.getmtime, reverse=True)
    if found:
        os.environ["FASTLINALG_LIBRARY"] = found[0]

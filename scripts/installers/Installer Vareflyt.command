#!/bin/sh
# Vareflyt @VERSION@ – installasjon for macOS (laget av «vareflyt addin build --release»).
# Dobbeltklikk i Finder (første gang: Ctrl-klikk › Åpne). Lager et eget Python-miljø i
# ~/Library/Application Support/Vareflyt/venv, installerer vareflyt med Excel-tillegget fra
# hjulfilen ved siden av denne filen, installerer tillegget i Excel og spør etter
# arbeidsmappen (lager den om den ikke finnes). Oppdatering: kjør installasjonen for den nye
# versjonen; arbeidsmappen røres ikke.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
wheel="$here/@WHEEL@"
root="$HOME/Library/Application Support/Vareflyt"
venv="$root/venv"

finish() {
    printf '\nTrykk Enter for å lukke vinduet.'
    read -r _ || true
}

stop() {
    printf '\n%s\n' "$1" >&2
    finish
    exit 1
}

find_python() {
    # Python 3.11 eller nyere: python.org, Homebrew, eller python3 på PATH.
    for candidate in python3.13 python3.12 python3.11 /usr/local/bin/python3 /opt/homebrew/bin/python3 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

echo "Vareflyt @VERSION@ installeres for $(id -un)."
[ -f "$wheel" ] || stop "Fant ikke $wheel. Pakk ut hele Vareflyt-mappen og start installasjonen derfra."
python=$(find_python) || stop "Vareflyt trenger Python 3.11 eller nyere. Installer Python fra https://www.python.org og start installasjonen på nytt."
while pgrep -x "Microsoft Excel" >/dev/null 2>&1; do
    printf 'Excel er åpent. Lagre arbeidet ditt, avslutt Excel (Cmd-Q) og trykk Enter. '
    read -r _ || stop "Avbrutt."
done

if [ ! -x "$venv/bin/python" ]; then
    echo "Lager Python-miljøet i $venv ..."
    mkdir -p "$root"
    "$python" -m venv "$venv" || stop "Kunne ikke lage Python-miljøet i $venv."
fi
echo "Installerer vareflyt med Excel-tillegget (det kan ta et par minutter) ..."
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade "${wheel}[excel]" ||
    stop "Installasjonen av vareflyt stoppet (se meldingene over). Sjekk nettforbindelsen og prøv igjen."
# Samme versjonsnummer på nytt (en rettet utgave): legg inn pakken fra denne hjulfilen uansett.
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --no-deps --force-reinstall "$wheel" ||
    stop "Installasjonen av vareflyt stoppet (se meldingene over)."

"$venv/bin/vareflyt" addin install || stop "Excel-tillegget ble ikke installert (se meldingen over)."

default="$HOME/Documents/Vareflyt"
printf 'Arbeidsmappe for Vareflyt (Enter for %s): ' "$default"
read -r answer || answer=""
workspace=${answer:-$default}
if [ -f "$workspace/vareflyt.toml" ]; then
    echo "Bruker arbeidsmappen $workspace som den er."
else
    "$venv/bin/vareflyt" init "$workspace" || stop "Kunne ikke lage arbeidsmappen $workspace."
    echo "Fyll inn firmanavn, GLN, organisasjonsnummer og bankkonto i $workspace/vareflyt.toml."
fi
echo
echo "Ferdig. Start Excel og åpne Innkjop.xlsx i $workspace; fanen Vareflyt er på båndet."
open "$workspace" || true
finish

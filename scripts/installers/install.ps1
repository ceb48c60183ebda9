# Vareflyt @VERSION@ - installasjon for Windows (laget av «vareflyt addin build --release»).
# Start den med install.cmd (dobbeltklikk). Den lager et eget Python-miljø i
# %LOCALAPPDATA%\Vareflyt\venv, installerer vareflyt med Excel-tillegget fra hjulfilen ved
# siden av seg, installerer tillegget i Excel og spør etter arbeidsmappen (lager den om den
# ikke finnes). Oppdatering: kjør installasjonen for den nye versjonen; arbeidsmappen røres ikke.
# Filen lagres som UTF-8 med BOM: Windows PowerShell 5.1 leser den ellers i ANSI-tegnsettet.
# Hvert program sjekkes med $LASTEXITCODE (ikke ErrorActionPreference Stop, som i PowerShell 5.1
# kan stoppe på det første varselet et program skriver til stderr).
$Wheel = Join-Path $PSScriptRoot '@WHEEL@'
$Root = Join-Path $env:LOCALAPPDATA 'Vareflyt'
$Venv = Join-Path $Root 'venv'
$VenvPython = Join-Path $Venv 'Scripts\python.exe'
$Vareflyt = Join-Path $Venv 'Scripts\vareflyt.exe'

function Stop-Install([string]$Message) {
    Write-Host ''
    Write-Host $Message -ForegroundColor Red
    exit 1
}

function Find-Python {
    # Python 3.11 eller nyere: Python-starteren py først, så python på PATH. (Ingen doble
    # anførselstegn i koden: Windows PowerShell 5.1 fjerner dem fra argumenter til programmer.)
    $Check = 'import sys; print(sys.executable if sys.version_info >= (3, 11) else str())'
    if (Get-Command py -ErrorAction SilentlyContinue) {
        $Found = & py -3 -c $Check
        if ($LASTEXITCODE -eq 0 -and "$Found".Trim()) { return "$Found".Trim() }
    }
    if (Get-Command python -ErrorAction SilentlyContinue) {
        $Found = & python -c $Check
        if ($LASTEXITCODE -eq 0 -and "$Found".Trim()) { return "$Found".Trim() }
    }
    return $null
}

Write-Host "Vareflyt @VERSION@ installeres for $env:USERNAME."
if (-not (Test-Path -LiteralPath $Wheel)) {
    Stop-Install "Fant ikke $Wheel. Pakk ut hele Vareflyt-mappen og start install.cmd derfra."
}
$Python = Find-Python
if (-not $Python) {
    Stop-Install ('Vareflyt trenger Python 3.11 eller nyere. Installer Python fra https://www.python.org ' +
                  '(kryss av for «Add python.exe to PATH») og start install.cmd på nytt.')
}
while (Get-Process -Name 'EXCEL' -ErrorAction SilentlyContinue) {
    Read-Host 'Excel er åpent. Lagre arbeidet ditt, lukk Excel og trykk Enter' | Out-Null
}

if (-not (Test-Path -LiteralPath $VenvPython)) {
    Write-Host "Lager Python-miljøet i $Venv ..."
    & $Python -m venv $Venv
    if ($LASTEXITCODE -ne 0) { Stop-Install "Kunne ikke lage Python-miljøet i $Venv." }
}
Write-Host 'Installerer vareflyt med Excel-tillegget (det kan ta et par minutter) ...'
& $VenvPython -m pip install --disable-pip-version-check --quiet --upgrade "${Wheel}[excel]"
if ($LASTEXITCODE -ne 0) { Stop-Install 'Installasjonen av vareflyt stoppet (se meldingene over). Sjekk nettforbindelsen og prøv igjen.' }
# Samme versjonsnummer på nytt (en rettet utgave): legg inn pakken fra denne hjulfilen uansett.
& $VenvPython -m pip install --disable-pip-version-check --quiet --no-deps --force-reinstall $Wheel
if ($LASTEXITCODE -ne 0) { Stop-Install 'Installasjonen av vareflyt stoppet (se meldingene over).' }

& $Vareflyt addin install
if ($LASTEXITCODE -ne 0) { Stop-Install 'Excel-tillegget ble ikke installert (se meldingen over).' }

$Default = Join-Path ([Environment]::GetFolderPath('MyDocuments')) 'Vareflyt'
$Answer = Read-Host "Arbeidsmappe for Vareflyt (Enter for $Default)"
$Workspace = if ("$Answer".Trim()) { "$Answer".Trim().Trim([char]34) } else { $Default }
if (Test-Path -LiteralPath (Join-Path $Workspace 'vareflyt.toml')) {
    Write-Host "Bruker arbeidsmappen $Workspace som den er."
} else {
    & $Vareflyt init $Workspace
    if ($LASTEXITCODE -ne 0) { Stop-Install "Kunne ikke lage arbeidsmappen $Workspace." }
    Write-Host "Fyll inn firmanavn, GLN, organisasjonsnummer og bankkonto i $Workspace\vareflyt.toml."
}
Write-Host ''
Write-Host "Ferdig. Start Excel og åpne Innkjop.xlsx i $Workspace; fanen Vareflyt er på båndet." -ForegroundColor Green
Start-Process explorer.exe -ArgumentList "`"$Workspace`""

@echo off
rem Vareflyt @VERSION@ - installation for Windows. Double-click this file; it runs install.ps1
rem from the same folder (made by "vareflyt addin build --release"). Updating = running the
rem installer of the new version. Kept ASCII: cmd reads this file in the OEM code page.
setlocal
cd /d "%~dp0"
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1"
set status=%errorlevel%
echo.
pause
exit /b %status%

Attribute VB_Name = "vareflyt"
' Vareflyt ribbon callbacks. Every button of customUI.xml calls OnAction; Python decides
' what the button does (vareflyt.addin.buttons). AskFile and AskText are called from Python
' (vareflyt.addin.ui) to ask the user for a file or a value. Source of the add-in's VBA:
' "vareflyt addin build" puts it, with the xlwings module, into vareflyt.xlam.
' Every entry point has an error handler that shows a message, so the user never lands in the
' VBA debugger. Messages write the Norwegian letters as {ae} {oe} {aa} {AA} (see Norsk): VBA
' source is stored in a code page, and Excel for Mac reads it in another one than Windows.
Option Explicit

Private Const APP_TITLE As String = "Vareflyt"

Sub OnAction(control As IRibbonControl)
    On Error GoTo Failed
    ' xlwings' RunPython reads ActiveWorkbook before Python starts: without an open workbook
    ' it would stop with run-time error 91.
    If ActiveWorkbook Is Nothing Then
        MsgBox Norsk("Ingen arbeidsbok er {aa}pen. {AA}pne Innkjop.xlsx eller Kundereskontro.xlsx " & _
                     "fra vareflyt-arbeidsmappen, og trykk knappen igjen."), vbInformation, APP_TITLE
        Exit Sub
    End If
    RunPython "import vareflyt.addin as a; a.run('" & control.Id & "')"
    Exit Sub
Failed:
    ShowError
End Sub

Function AskFile(ByVal Title As String) As String
    On Error GoTo Failed
    Dim Chosen As Variant
    Chosen = Application.GetOpenFilename(, , Title)
    If VarType(Chosen) = vbBoolean Then
        AskFile = ""
    Else
        AskFile = CStr(Chosen)
    End If
    Exit Function
Failed:
    AskFile = ""
    ShowError
End Function

Function AskText(ByVal Prompt As String, ByVal Title As String, ByVal Suggested As String) As String
    On Error GoTo Failed
    AskText = InputBox(Prompt, Title, Suggested)
    Exit Function
Failed:
    AskText = ""
    ShowError
End Function

Private Sub ShowError()
    Dim Number As Long, Description As String
    Number = Err.Number
    Description = Err.Description
    On Error Resume Next
    Application.StatusBar = False
    MsgBox Norsk("Vareflyt stoppet p{aa} en feil i Excel: ") & Description & " (feil " & Number & ")." & vbLf & _
           Norsk("Lukk Excel og start p{aa} nytt. Hjelper ikke det, kj{oe}r installasjonsprogrammet for " & _
                 "Vareflyt p{aa} nytt."), vbExclamation, APP_TITLE
End Sub

Private Function Norsk(ByVal Message As String) As String
    Message = Replace(Message, "{ae}", ChrW(230))
    Message = Replace(Message, "{oe}", ChrW(248))
    Message = Replace(Message, "{aa}", ChrW(229))
    Norsk = Replace(Message, "{AA}", ChrW(197))
End Function

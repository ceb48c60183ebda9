Attribute VB_Name = "vareflyt"
' Vareflyt ribbon callbacks. Every button of customUI.xml calls OnAction; Python decides
' what the button does (vareflyt.addin.buttons). AskFile and AskText are called from Python
' (vareflyt.addin.ui) to ask the user for a file or a value. Source of the add-in's VBA:
' "vareflyt addin build" puts it, with the xlwings module, into vareflyt.xlam.
Option Explicit

Sub OnAction(control As IRibbonControl)
    RunPython "import vareflyt.addin as a; a.run('" & control.Id & "')"
End Sub

Function AskFile(ByVal Title As String) As String
    Dim Chosen As Variant
    Chosen = Application.GetOpenFilename(, , Title)
    If VarType(Chosen) = vbBoolean Then
        AskFile = ""
    Else
        AskFile = CStr(Chosen)
    End If
End Function

Function AskText(ByVal Prompt As String, ByVal Title As String, ByVal Suggested As String) As String
    AskText = InputBox(Prompt, Title, Suggested)
End Function

"""camt.054 notifications for tests, written by hand the way Norwegian banks write them (one
booked credit with a KID), in each version vareflyt reads: .02, .04 and .08."""

from __future__ import annotations


def nok_file(
    version: str,
    *,
    amount: str = "2500.00",
    account: str = "<Othr><Id>15032080119</Id></Othr>",
    ccy: str = 'Ccy="NOK"',
    prolog: str = "",
) -> bytes:
    """One booked credit with a KID. .02 has no TxDtls/Amt (the amount is in AmtDtls/TxAmt);
    .08 writes Sts as <Cd> and nests the payer's name in Pty."""
    status = "<Sts><Cd>BOOK</Cd></Sts>" if version == "08" else "<Sts>BOOK</Sts>"
    payer = (
        "<Dbtr><Pty><Nm>Ødegård Bygg AS</Nm></Pty></Dbtr>"
        if version == "08"
        else "<Dbtr><Nm>Ødegård Bygg AS</Nm></Dbtr>"
    )
    tx_amount = (
        f"<AmtDtls><TxAmt><Amt {ccy}>{amount}</Amt></TxAmt></AmtDtls>"
        if version == "02"
        else f"<Amt {ccy}>{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>{prolog}
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.{version}">
<BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>NO-2024-03-05</MsgId><CreDtTm>2024-03-05T06:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>N1</Id><CreDtTm>2024-03-05T06:00:00</CreDtTm>
<Acct><Id>{account}</Id><Ccy>NOK</Ccy></Acct>
<Ntry><Amt {ccy}>{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>{status}
<BookgDt><Dt>2024-03-04</Dt></BookgDt><ValDt><Dt>2024-03-04</Dt></ValDt><AcctSvcrRef>SEB-77</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>VCOM</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><AcctSvcrRef>TX-9001</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
{tx_amount}
<RltdPties>{payer}</RltdPties>
<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>0005002001</Ref></CdtrRefInf></Strd></RmtInf>
</TxDtls></NtryDtls></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>""".encode()

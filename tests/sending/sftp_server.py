"""A real SFTP server for the tests: asyncssh's server on 127.0.0.1 in a thread of its own,
serving a folder (chroot), accepting one client key; ``cut`` makes it drop the connection in
the middle of a file, as a provider's server that goes down does."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import asyncssh


class SftpServer:
    def __init__(self, root: Path, client_public_key: str):
        self.root, self.cut = root, False
        self.host_key = asyncssh.generate_private_key("ssh-ed25519")
        self._client_key = asyncssh.import_authorized_keys(client_public_key)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def known_hosts_line(self) -> str:
        return f"[127.0.0.1]:{self.port} {self.host_key.export_public_key('openssh').decode().strip()}\n"

    def _sftp(self, chan):
        server = self

        class Sftp(asyncssh.SFTPServer):
            def write(self, file_obj, offset, data):
                if server.cut:
                    self.connection.abort()
                    raise asyncssh.SFTPConnectionLost("cut")
                return super().write(file_obj, offset, data)

        return Sftp(chan, chroot=str(self.root))

    def start(self) -> SftpServer:
        self._thread.start()

        async def listen():
            return await asyncssh.listen(
                "127.0.0.1",
                0,
                server_host_keys=[self.host_key],
                authorized_client_keys=self._client_key,
                sftp_factory=self._sftp,
                allow_scp=False,
            )

        future = asyncio.run_coroutine_threadsafe(listen(), self._loop)
        self._acceptor = future.result(10)
        self.port = self._acceptor.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        async def close():
            self._acceptor.close()
            await self._acceptor.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

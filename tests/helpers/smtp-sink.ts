/**
 * A mail server for the tests that accepts every message and keeps it (SMTP without TLS or authentication, as
 * nodemailer speaks it to `smtp://127.0.0.1:<port>`), so that a test counts what the portal really sent.
 * Plain Node: no vitest imports.
 */
import net from "node:net";

export type ReceivedMail = { from: string; to: string[]; data: string };

export type SmtpSink = { url: string; received: ReceivedMail[]; stop(): Promise<void> };

export function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffer = "";
    let mail: ReceivedMail = { from: "", to: [], data: "" };
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(mail);
            mail = { from: "", to: [], data: "" };
            reply("250 2.0.0 queued");
          } else {
            mail.data += `${line.startsWith("..") ? line.slice(1) : line}\n`;
          }
          continue;
        }
        const address = /<([^>]*)>/.exec(line)?.[1] ?? "";
        switch (line.slice(0, 4).toUpperCase()) {
          case "MAIL":
            mail.from = address;
            break;
          case "RCPT":
            mail.to.push(address);
            break;
          case "DATA":
            inData = true;
            reply("354 end with <CRLF>.<CRLF>");
            continue;
          case "RSET":
            mail = { from: "", to: [], data: "" };
            break;
          case "QUIT":
            reply("221 2.0.0 bye");
            socket.end();
            continue;
        }
        reply("250 ok");
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        received,
        stop: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

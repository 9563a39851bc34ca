#include "tests/support/port_blackhole.h"

#include <QProcess>

namespace nova::test {

namespace {
constexpr const char *kTable = "nova_drill";

// Runs nft with `script` on its standard input; the error text on failure.
QString nft(const QByteArray &script)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("nft"), {QStringLiteral("-f"), QStringLiteral("-")});
    if (!process.waitForStarted(5000))
        return QStringLiteral("nft could not be started (is nftables installed?)");
    process.write(script);
    process.closeWriteChannel();
    if (!process.waitForFinished(10'000))
        return QStringLiteral("nft did not finish");
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QString::fromUtf8(process.readAll()).trimmed();
    return {};
}

QByteArray dropTable()
{
    // Declaring the table first makes deleting it succeed whether or not it was there.
    return QByteArray("table inet ") + kTable + " {}\ndelete table inet " + kTable + "\n";
}
} // namespace

PortBlackhole::PortBlackhole(int port)
{
    const QByteArray p = QByteArray::number(port);
    const QByteArray script = dropTable() + "table inet " + kTable +
                              " {\n"
                              "  chain output {\n"
                              "    type filter hook output priority -10; policy accept;\n"
                              "    oifname \"lo\" tcp dport " +
                              p + " drop\n    oifname \"lo\" tcp sport " + p +
                              " drop\n"
                              "  }\n"
                              "}\n";
    m_error = nft(script);
    m_active = m_error.isEmpty();
}

PortBlackhole::~PortBlackhole()
{
    lift();
}

void PortBlackhole::lift()
{
    if (!m_active)
        return;
    m_error = nft(dropTable());
    m_active = !m_error.isEmpty();
}

} // namespace nova::test

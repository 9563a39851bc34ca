// The console's stream pane as an operator on call uses it, against the real stack: the preview
// opened before the stream's first segment plays once the stream is playable (a picture of the
// test pattern, not black), the publisher's details are shown, and Drop publisher puts the stream
// in RECONNECTING until the broadcaster comes back, when the preview plays again.

#include "console/preview/hls_preview.h"
#include "console/publisher/publisher_panel.h"
#include "console/streams/stream_table_model.h"
#include "console/window/main_window.h"
#include "console/window/stream_detail_view.h"
#include "tests/support/broadcaster_process.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_env.h"
#include "tests/support/widget_lookup.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace nova;
using namespace nova::test;

namespace {

// The test pattern is colour bars: many distinct colours and far from black. A black or blank
// frame has a handful.
bool showsThePattern(const QImage &picture)
{
    if (picture.isNull())
        return false;
    QSet<QRgb> colours;
    qint64 brightness = 0;
    int samples = 0;
    for (int y = 0; y < picture.height(); y += 4) {
        for (int x = 0; x < picture.width(); x += 4) {
            const QRgb pixel = picture.pixel(x, y);
            colours.insert(pixel & 0xf0f0f0); // coarse: compression noise is not a colour
            brightness += qGray(pixel);
            ++samples;
        }
    }
    return colours.size() >= 8 && samples > 0 && brightness / samples > 40;
}

// Answers Yes on the next confirmation the console asks, as the operator would.
void confirmNextDialog()
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, [timer] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            box->button(QMessageBox::Yes)->click();
            timer->deleteLater();
        }
    });
    timer->start();
}

} // namespace

class TestConsoleStreamPane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QStandardPaths::setTestModeEnabled(true); // the operator's own settings stay untouched
        const StackEnv &env = StackEnv::get();
        ConsoleOptions options;
        options.apiUrl = env.apiUrl;
        options.prometheusUrl = env.prometheusUrl;
        options.token = env.adminToken;
        m_window = std::make_unique<MainWindow>(options);
        m_window->resize(1400, 900);
        m_window->show();
        m_detail = m_window->streamDetail();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void thePreviewOpenedBeforeTheFirstSegmentPlaysOnceThereIsOne()
    {
        m_stream = createStream("preview before the first segment");
        const QString id = m_stream.value(u"id").toString();
        // The operator has the stream open before it goes live.
        m_detail->show(QUuid::fromString(id));
        HlsPreview *preview = m_detail->preview();
        QSignalSpy statuses(preview, &HlsPreview::statusChanged);

        m_broadcaster.start(smallPicture(m_stream, {"--reconnect"}),
                            m_stream.value(u"stream_key").toString());
        QVERIFY2(m_broadcaster.waitForEvent("live", 10'000),
                 qPrintable(m_broadcaster.standardError()));
        QVERIFY2(pollUntil([&] { return showsThePattern(preview->picture()); }, 30'000),
                 qPrintable(preview->status()));
        QVERIFY2(preview->status().startsWith(u"Playing"), qPrintable(preview->status()));

        // It waited for the segments instead of asking for a playlist that was not there.
        QStringList seen;
        for (const QList<QVariant> &status : statuses)
            seen.append(status.first().toString());
        QVERIFY2(seen.contains(u"Waiting for the first segments…"), qPrintable(seen.join(" | ")));
        QVERIFY2(seen.filter(u"Preview unavailable").isEmpty(), qPrintable(seen.join(" | ")));
        QCOMPARE(preview->retries(), 0);
    }

    void thePublishersDetailsAreShown()
    {
        QVERIFY(!m_stream.isEmpty());
        PublisherPanel *panel = m_detail->publisherPanel();
        // Read every few seconds; the keyframe interval once the probe has seen two keyframes.
        QVERIFY2(pollUntil([&] { return panel->text().contains(u"keyframe every 1.0 s"); }, 20'000),
                 qPrintable(panel->text()));
        const QString text = panel->text();
        QVERIFY2(text.contains(u"H264"), qPrintable(text));
        QVERIFY2(text.contains(u"320×180"), qPrintable(text));
        QVERIFY2(text.contains(u"AAC"), qPrintable(text));
        QVERIFY2(text.contains(u"from 127.0.0.1 via ingest-1"), qPrintable(text));
    }

    void dropPublisherPutsTheStreamInReconnectingAndTheBroadcasterComesBack()
    {
        QVERIFY(!m_stream.isEmpty());
        const QUuid id = QUuid::fromString(m_stream.value(u"id").toString());
        auto *drop = child<QPushButton>(*m_detail, "dropPublisher");
        QVERIFY(drop->isEnabled());

        confirmNextDialog();
        drop->click();

        const auto statusIs = [&](StreamStatus status) {
            const StreamTableModel::Row *row = m_window->streams()->row(id);
            return row && row->stream.status == status;
        };
        // QVERIFY2 evaluates its message eagerly, and asking the API runs the event loop: only
        // on failure, or the stream may be back before the preview is looked at.
        if (!pollUntil([&] { return statusIs(StreamStatus::Reconnecting); }, 10'000))
            QFAIL(qPrintable(statusOf(id.toString(QUuid::WithoutBraces))));
        QVERIFY2(m_detail->preview()->status().contains(u"reconnecting"),
                 qPrintable(m_detail->preview()->status()));
        QVERIFY(!drop->isEnabled());

        QVERIFY2(m_broadcaster.waitForNthEvent("live", 2, 20'000),
                 qPrintable(m_broadcaster.standardError()));
        QVERIFY(pollUntil([&] { return statusIs(StreamStatus::Active); }, 10'000));
        // The preview starts over on the resumed stream.
        QVERIFY2(pollUntil(
                     [&] {
                         return m_detail->preview()->status().startsWith(u"Playing") &&
                                showsThePattern(m_detail->preview()->picture());
                     },
                     30'000),
                 qPrintable(m_detail->preview()->status()));
        QCOMPARE(statusOf(id.toString(QUuid::WithoutBraces)), QStringLiteral("ACTIVE"));
        if (const QString dir = qEnvironmentVariable("NOVA_SCREENSHOT_DIR"); !dir.isEmpty())
            m_window->grab().save(dir + QStringLiteral("/console-stream-pane.png"));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_broadcaster.kill();
    }

private:
    std::unique_ptr<MainWindow> m_window;
    StreamDetailView *m_detail = nullptr;
    QJsonObject m_stream;
    BroadcasterProcess m_broadcaster;
};

QTEST_MAIN(TestConsoleStreamPane)
#include "tst_console_stream_pane.moc"

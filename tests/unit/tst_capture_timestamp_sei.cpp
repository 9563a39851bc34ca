// CaptureTimestampSei: writing the capture time and finding it again in H.264 as FLV and MPEG-TS
// carry it, emulation prevention included, and never crashing on damaged data.

#include "shared/capture_timestamp_sei.h"

#include <QTest>

using nova::CaptureTimestampSei;
using Framing = CaptureTimestampSei::Framing;

namespace {
// An SEI NAL unit with one user-data-unregistered message, escaped as an encoder would.
QByteArray seiNal(const QByteArray &payload)
{
    QByteArray rbsp;
    rbsp.append(char(5)); // payload type
    qsizetype size = payload.size();
    while (size >= 255) {
        rbsp.append(char(0xff));
        size -= 255;
    }
    rbsp.append(char(size));
    rbsp.append(payload);
    rbsp.append(char(0x80));           // trailing bits
    QByteArray escaped(1, char(0x06)); // nal_unit_type 6
    int zeros = 0;
    for (char c : rbsp) {
        if (zeros >= 2 && quint8(c) <= 3) {
            escaped.append(char(0x03));
            zeros = 0;
        }
        escaped.append(c);
        zeros = c == 0 ? zeros + 1 : 0;
    }
    return escaped;
}

QByteArray lengthPrefixed(const QList<QByteArray> &nals)
{
    QByteArray out;
    for (const QByteArray &nal : nals) {
        const quint32 n = quint32(nal.size());
        out.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
        out.append(nal);
    }
    return out;
}

QByteArray annexB(const QList<QByteArray> &nals)
{
    QByteArray out;
    for (const QByteArray &nal : nals)
        out.append(QByteArray("\x00\x00\x00\x01", 4)).append(nal);
    return out;
}

const QByteArray kSlice("\x65\x88\x84\x00\x21\xff", 6); // an IDR slice's first bytes
const QByteArray kOtherUuid(16, 'x');
} // namespace

class TestCaptureTimestampSei : public QObject
{
    Q_OBJECT

private slots:
    void payloadRoundTrips_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addRow("now") << qint64(1'795'000'000'123'456);
        QTest::addRow("zero bytes inside (emulation prevention)") << qint64(0x0000000100000300);
        QTest::addRow("epoch") << qint64(0);
    }
    void payloadRoundTrips()
    {
        QFETCH(qint64, micros);
        const QByteArray payload = CaptureTimestampSei::payload(micros);
        QCOMPARE(payload.size(), 24);
        QCOMPARE(CaptureTimestampSei::parsePayload(payload), micros);
        for (const Framing framing : {Framing::LengthPrefixed, Framing::AnnexB}) {
            const QList<QByteArray> nals{QByteArray("\x09\xf0", 2), seiNal(payload), kSlice};
            const QByteArray unit =
                framing == Framing::AnnexB ? annexB(nals) : lengthPrefixed(nals);
            QCOMPARE(CaptureTimestampSei::find(unit, framing), micros);
        }
    }

    void otherUserDataIsSkipped()
    {
        const qint64 micros = 1'800'000'000'000'000;
        const QList<QByteArray> nals{seiNal(kOtherUuid + "foreign"),
                                     seiNal(CaptureTimestampSei::payload(micros)), kSlice};
        QCOMPARE(CaptureTimestampSei::find(annexB(nals), Framing::AnnexB), micros);
    }

    void nothingIsFoundWhereNothingIs()
    {
        QVERIFY(!CaptureTimestampSei::find(annexB({kSlice}), Framing::AnnexB));
        QVERIFY(!CaptureTimestampSei::find(lengthPrefixed({kSlice}), Framing::LengthPrefixed));
        QVERIFY(
            !CaptureTimestampSei::find(annexB({seiNal(kOtherUuid + "12345678")}), Framing::AnnexB));
        QVERIFY(!CaptureTimestampSei::parsePayload(QByteArray(23, 'N')));
    }

    void damagedDataIsRejectedNotTrusted_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("framing");
        const QByteArray sei = seiNal(CaptureTimestampSei::payload(42));
        QTest::addRow("empty") << QByteArray() << int(Framing::AnnexB);
        QTest::addRow("length beyond the data")
            << QByteArray("\x00\x00\x10\x00\x06\x05", 6) << int(Framing::LengthPrefixed);
        QTest::addRow("truncated sei")
            << lengthPrefixed({sei.left(10)}) << int(Framing::LengthPrefixed);
        QTest::addRow("sei size beyond the nal")
            << annexB({QByteArray("\x06\x05\xff\xff\x10", 5)}) << int(Framing::AnnexB);
        QTest::addRow("only start codes")
            << QByteArray("\x00\x00\x01\x00\x00\x01", 6) << int(Framing::AnnexB);
        QTest::addRow("all 0xff") << QByteArray(64, char(0xff)) << int(Framing::LengthPrefixed);
    }
    void damagedDataIsRejectedNotTrusted()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, framing);
        QVERIFY(!CaptureTimestampSei::find(bytes, Framing(framing)));
    }
};

QTEST_GUILESS_MAIN(TestCaptureTimestampSei)
#include "tst_capture_timestamp_sei.moc"

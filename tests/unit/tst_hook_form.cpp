// HookForm: nginx-rtmp's form bodies, including the ones a publisher can tamper with.

#include "server/hooks/hook_form.h"

#include <QTest>

using nova::HookForm;

class TestHookForm : public QObject
{
    Q_OBJECT

private slots:
    void readsFields_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");

        const QByteArray publish =
            "app=live&flashver=FMLE/3.0%20(compatible%3B%20FMSc/1.0)&swfurl=&tcurl=rtmp://"
            "127.0.0.1:1935/live&pageurl=&addr=127.0.0.1&clientid=7&call=publish&name=nvk_abc&"
            "type=live";
        QTest::addRow("call") << publish << QStringLiteral("call") << QStringLiteral("publish");
        QTest::addRow("name") << publish << QStringLiteral("name") << QStringLiteral("nvk_abc");
        QTest::addRow("percent-decoded") << publish << QStringLiteral("flashver")
                                         << QStringLiteral("FMLE/3.0 (compatible; FMSc/1.0)");
        QTest::addRow("empty value") << publish << QStringLiteral("swfurl") << QStringLiteral("");
        QTest::addRow("plus is a space")
            << QByteArray("title=a+b") << QStringLiteral("title") << QStringLiteral("a b");
        QTest::addRow("encoded plus stays")
            << QByteArray("title=a%2Bb") << QStringLiteral("title") << QStringLiteral("a+b");
        QTest::addRow("no equals sign")
            << QByteArray("flag&call=play") << QStringLiteral("flag") << QStringLiteral("");
        QTest::addRow("utf-8") << QByteArray("title=%C3%A9t%C3%A9") << QStringLiteral("title")
                               << QString::fromUtf8("été");
        QTest::addRow("empty pairs skipped") << QByteArray("&&call=publish&&")
                                             << QStringLiteral("call") << QStringLiteral("publish");
        QTest::addRow("value with equals")
            << QByteArray("q=a=b") << QStringLiteral("q") << QStringLiteral("a=b");
        // nginx appends the publisher's own query arguments after its fields: the first wins.
        QTest::addRow("publisher cannot override name")
            << QByteArray("call=publish&name=real&addr=10.0.0.1&name=forged&addr=1.2.3.4")
            << QStringLiteral("name") << QStringLiteral("real");
        QTest::addRow("publisher cannot override addr")
            << QByteArray("call=publish&name=real&addr=10.0.0.1&name=forged&addr=1.2.3.4")
            << QStringLiteral("addr") << QStringLiteral("10.0.0.1");
        QTest::addRow("malformed percent kept literally")
            << QByteArray("x=%zz%4") << QStringLiteral("x") << QStringLiteral("%zz%4");
    }
    void readsFields()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, value);
        const auto form = HookForm::parse(body);
        QVERIFY(form);
        QVERIFY(form->has(field));
        QCOMPARE(form->value(field), value);
    }

    void missingFieldsAreEmpty()
    {
        const auto form = HookForm::parse("call=publish");
        QVERIFY(form);
        QVERIFY(!form->has(QStringLiteral("name")));
        QCOMPARE(form->value(QStringLiteral("name")), QString());
    }

    void anEmptyBodyIsAnEmptyForm()
    {
        const auto form = HookForm::parse("");
        QVERIFY(form);
        QCOMPARE(form->size(), 0);
    }

    void rejectsWhatIsNotAForm_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("empty name") << QByteArray("=value");
        QTest::addRow("empty name later") << QByteArray("a=1&=2");
        QByteArray many;
        for (int i = 0; i <= HookForm::kMaxFields; ++i)
            many += "f" + QByteArray::number(i) + "=1&";
        QTest::addRow("too many fields") << many;
    }
    void rejectsWhatIsNotAForm()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!HookForm::parse(body));
    }
};

QTEST_GUILESS_MAIN(TestHookForm)
#include "tst_hook_form.moc"

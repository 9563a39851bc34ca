// An operator manages people from nova-console (offscreen, against the real stack): creates a
// streamer, issues them a token that is shown once and works, revokes it, and reads in the audit
// who did each of these; a console signed in with a streamer's token is told it may not.

#include "console/accounts/accounts_feed.h"
#include "console/window/accounts_view.h"
#include "console/window/audit_view.h"
#include "console/window/main_window.h"
#include "tests/support/accounts.h"
#include "tests/support/stack_env.h"
#include "tests/support/widget_lookup.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace nova;
using namespace nova::test;

namespace {

int rowNamed(const AccountTableModel &accounts, const QString &name)
{
    for (int row = 0; row < accounts.rowCount(); ++row)
        if (accounts.at(row)->name == name)
            return row;
    return -1;
}

bool audited(const AuditTableModel &audit, const QString &action, const QString &target)
{
    for (const AuditRecord &record : audit.records())
        if (record.action == action && record.target == target && record.accountName == u"admin")
            return true;
    return false;
}
} // namespace

class TestConsoleAccounts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QStandardPaths::setTestModeEnabled(true);
        const StackEnv &env = StackEnv::get();
        m_options.apiUrl = env.apiUrl;
        m_options.prometheusUrl = env.prometheusUrl;
        m_options.token = env.adminToken;
    }

    void anOperatorCreatesAStreamerIssuesATokenAndRevokesIt()
    {
        MainWindow window(m_options);
        window.show();
        AccountsView &view = *window.accountsView();
        const QString name = uniqueName(QStringLiteral("console"));

        child<QLineEdit>(view, "accountName")->setText(name);
        auto *role = child<QComboBox>(view, "accountRole");
        role->setCurrentIndex(role->findData(int(Role::Streamer)));
        QTest::mouseClick(child<QPushButton>(view, "createAccount"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(*view.accounts(), name) >= 0, 5000);
        const int row = rowNamed(*view.accounts(), name);
        QVERIFY(view.accounts()->at(row)->role == Role::Streamer);
        const QString accountId = view.accounts()->at(row)->id.toString(QUuid::WithoutBraces);

        child<QTableView>(view, "accountsTable")->selectRow(row);
        QCOMPARE(view.selectedAccount().toString(QUuid::WithoutBraces), accountId);
        child<QLineEdit>(view, "tokenLabel")->setText(QStringLiteral("studio pc"));
        QTest::mouseClick(child<QPushButton>(view, "issueToken"), Qt::LeftButton);
        auto *issued = child<QLineEdit>(view, "issuedToken");
        QTRY_VERIFY_WITH_TIMEOUT(issued->text().startsWith(u"nvt_"), 5000);
        QVERIFY(issued->isVisible());
        QTest::mouseClick(child<QPushButton>(view, "copyToken"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), issued->text());

        // The token shown works, for that streamer.
        const QString token = issued->text();
        const HttpResult me = callAs(token, "GET", "/api/v1/me");
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(u"account").toObject().value(u"name").toString(), name);
        QTRY_COMPARE_WITH_TIMEOUT(view.tokens()->rowCount(), 1, 5000);
        QCOMPARE(view.tokens()->at(0)->label, QStringLiteral("studio pc"));
        const QString tokenId = view.tokens()->at(0)->id.toString(QUuid::WithoutBraces);

        child<QTableView>(view, "tokensTable")->selectRow(0);
        QTest::mouseClick(child<QPushButton>(view, "revokeToken"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            view.tokens()->rowCount() == 1 && view.tokens()->at(0)->revokedAt.isValid(), 5000);
        QCOMPARE(callAs(token, "GET", "/api/v1/me").status, 401);

        // The audit view says who did each of these.
        const AuditTableModel &audit = *window.auditView()->entries();
        QTRY_VERIFY_WITH_TIMEOUT(audited(audit, "token.revoked", "token:" + tokenId), 5000);
        QVERIFY(audited(audit, "token.created", "token:" + tokenId));
        QVERIFY(audited(audit, "account.created", "account:" + accountId));
        QVERIFY(!audit.records().isEmpty());
    }

    void aBadNameIsToldAndCreatesNothing()
    {
        MainWindow window(m_options);
        window.show();
        AccountsView &view = *window.accountsView();
        QTRY_VERIFY_WITH_TIMEOUT(view.accounts()->rowCount() > 0, 5000);
        const int before = view.accounts()->rowCount();
        child<QLineEdit>(view, "accountName")->setText(QStringLiteral("Not Valid!"));
        QTest::mouseClick(child<QPushButton>(view, "createAccount"), Qt::LeftButton);
        auto *message = child<QLabel>(view, "accountsMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(u"Could not create the account"), 5000);
        QCOMPARE(view.accounts()->rowCount(), before);
    }

    void aStreamersConsoleIsToldItMayNotManageAccounts()
    {
        const Person streamer = makeAccount(QStringLiteral("streamer"));
        ConsoleOptions options = m_options;
        options.token = streamer.token;
        MainWindow window(options);
        window.show();
        auto *message = child<QLabel>(*window.accountsView(), "accountsMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"operator"), 5000);
        QVERIFY(message->text().startsWith(u"Could not list the accounts"));
        auto *audit = child<QLabel>(*window.auditView(), "auditMessage");
        QTRY_VERIFY_WITH_TIMEOUT(audit->text().startsWith(u"Could not read the audit"), 5000);
        QCOMPARE(window.auditView()->entries()->rowCount(), 0);
    }

private:
    ConsoleOptions m_options;
};

QTEST_MAIN(TestConsoleAccounts)
#include "tst_console_accounts.moc"

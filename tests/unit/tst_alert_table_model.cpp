// The alerts list puts what needs the operator first and leaves out what is not active.

#include "console/alerts/alert_table_model.h"

#include <QTest>

using namespace nova;

namespace {
PrometheusAlert alert(const QString &name, PrometheusAlert::State state, const QString &severity,
                      int activeMinutesAgo)
{
    PrometheusAlert made;
    made.name = name;
    made.state = state;
    made.labels.insert(QStringLiteral("alertname"), name);
    if (!severity.isEmpty())
        made.labels.insert(QStringLiteral("severity"), severity);
    made.activeAt = QDateTime::currentDateTimeUtc().addSecs(-60 * activeMinutesAgo);
    return made;
}
} // namespace

class TestAlertTableModel : public QObject
{
    Q_OBJECT

private slots:
    void firingCriticalOldestFirstAndNothingInactive()
    {
        using State = PrometheusAlert::State;
        AlertTableModel model;
        model.setAlerts({alert("OldWarning", State::Firing, "warning", 30),
                         alert("PendingCritical", State::Pending, "critical", 40),
                         alert("NewCritical", State::Firing, "critical", 1),
                         alert("Gone", State::Inactive, "critical", 50),
                         alert("Unlabelled", State::Firing, "", 60),
                         alert("OldCritical", State::Firing, "critical", 20)});

        QStringList order;
        for (int row = 0; row < model.rowCount(); ++row)
            order << model.index(row, AlertTableModel::NameColumn).data().toString();
        QCOMPARE(order, (QStringList{"OldCritical", "NewCritical", "OldWarning", "Unlabelled",
                                     "PendingCritical"}));
        QCOMPARE(model.firingCount(), 4);
    }
};

QTEST_GUILESS_MAIN(TestAlertTableModel)
#include "tst_alert_table_model.moc"

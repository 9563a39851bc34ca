#pragma once

#include "console/app/console_options.h"

#include <QMainWindow>
#include <QTimer>

class QComboBox;
class QDockWidget;
class QSortFilterProxyModel;
class QTableView;

namespace nova {

class AccountsFeed;
class AccountsView;
class AlertTableModel;
class AlertmanagerClient;
class SilencesFeed;
class SilencesView;
class AuditView;
class ApiClient;
class ConnectionIndicator;
class DashboardFeed;
class IngestHealthFeed;
class IngestHealthLine;
class OperatorEventStream;
class PlatformDashboard;
class PrometheusClient;
class PublisherFeed;
class ReplicaHealthFeed;
class ReplicaPanels;
class StreamDetailView;
class StreamActions;
class StreamEventLog;
class StreamHistoryFeed;
class StreamTableModel;

// nova-console's window: the platform dashboard in the middle; streams, alerts, the selected
// stream, accounts and the audit trail in docks the operator can arrange; each source's connection
// state in the status bar. Layout, time range and auto-refresh are remembered between runs
// (QSettings).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const ConsoleOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    PlatformDashboard *dashboard() const { return m_dashboard; }
    StreamTableModel *streams() const { return m_streams; }
    AlertTableModel *alerts() const { return m_alerts; }
    QTableView *streamTable() const { return m_streamTable; }
    ConnectionIndicator *prometheusState() const { return m_prometheusState; }
    ConnectionIndicator *apiState() const { return m_apiState; }
    ConnectionIndicator *eventsState() const { return m_eventsState; }
    AccountsView *accountsView() const { return m_accountsView; }
    AuditView *auditView() const { return m_auditView; }
    AccountsFeed *accountsFeed() const { return m_accountsFeed; }
    IngestHealthLine *ingestLine() const { return m_ingestLine; }
    StreamDetailView *streamDetail() const { return m_detail; }
    ReplicaPanels *replicaPanels() const { return m_replicaPanels; }
    // Null without an Alertmanager (ConsoleOptions::alertmanagerUrl).
    SilencesView *silencesView() const { return m_silencesView; }
    SilencesFeed *silencesFeed() const { return m_silencesFeed; }

    // Auto-refresh choices in seconds (0: off).
    static QList<int> refreshChoices() { return {0, 5, 10, 30, 60}; }
    void setAutoRefresh(int seconds);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildToolBar();
    void buildDocks();
    // Alertmanager's alerts and silences, beside the alerts (or why there are none).
    QDockWidget *buildSilencesDock();
    void reloadStreams();
    void chooseCustomRange();
    void restoreSettings();
    void saveSettings();

    ApiClient *m_api = nullptr;
    PrometheusClient *m_prometheus = nullptr;
    OperatorEventStream *m_events = nullptr;
    StreamTableModel *m_streams = nullptr;
    StreamEventLog *m_log = nullptr;
    AlertTableModel *m_alerts = nullptr;
    DashboardFeed *m_dashboardFeed = nullptr;
    PlatformDashboard *m_dashboard = nullptr;
    StreamDetailView *m_detail = nullptr;
    PublisherFeed *m_publisherFeed = nullptr;
    StreamHistoryFeed *m_streamHistory = nullptr;
    StreamActions *m_streamActions = nullptr;
    AccountsFeed *m_accountsFeed = nullptr;
    AccountsView *m_accountsView = nullptr;
    AuditView *m_auditView = nullptr;
    QTableView *m_streamTable = nullptr;
    IngestHealthFeed *m_ingestHealth = nullptr;
    IngestHealthLine *m_ingestLine = nullptr;
    ReplicaHealthFeed *m_replicaHealth = nullptr;
    ReplicaPanels *m_replicaPanels = nullptr;
    AlertmanagerClient *m_alertmanager = nullptr;
    SilencesFeed *m_silencesFeed = nullptr;
    SilencesView *m_silencesView = nullptr;
    QSortFilterProxyModel *m_sortedStreams = nullptr;
    QComboBox *m_rangeBox = nullptr;
    QComboBox *m_refreshBox = nullptr;
    ConnectionIndicator *m_prometheusState = nullptr;
    ConnectionIndicator *m_apiState = nullptr;
    ConnectionIndicator *m_eventsState = nullptr;
    QTimer m_autoRefresh;
    QTimer m_alertPoll;
    QTimer m_streamPoll;
    QTimer m_relistSoon; // a burst of starts costs one listing
    int m_autoRefreshSeconds = 10;
    bool m_eventsConnectedBefore = false;
};

} // namespace nova

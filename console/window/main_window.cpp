#include "console/window/main_window.h"

#include "console/accounts/accounts_feed.h"
#include "console/alertmanager/alertmanager_client.h"
#include "console/alertmanager/silences_feed.h"
#include "console/alertmanager/silences_view.h"
#include "console/alerts/alert_table_model.h"
#include "console/async/future_outcome.h"
#include "console/dashboard/platform_dashboard.h"
#include "console/events/operator_event_stream.h"
#include "console/ingest/ingest_health_feed.h"
#include "console/ingest/ingest_health_line.h"
#include "console/prometheus/prometheus_client.h"
#include "console/publisher/publisher_feed.h"
#include "console/replicas/replica_health_feed.h"
#include "console/replicas/replica_panels.h"
#include "console/streams/stream_actions.h"
#include "console/streams/stream_event_log.h"
#include "console/streams/stream_history_feed.h"
#include "console/streams/stream_table_model.h"
#include "console/window/accounts_view.h"
#include "console/window/audit_view.h"
#include "console/window/connection_indicator.h"
#include "console/window/stream_detail_view.h"
#include "shared/api_client.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace nova {

namespace {
constexpr int kAlertPollMs = 10'000;
// Pending streams make no events until they start: the list is re-read now and then.
constexpr int kStreamPollMs = 30'000;
constexpr int kRelistSettleMs = 1'000;

QTableView *makeTable(QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(22);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return table;
}
} // namespace

MainWindow::MainWindow(const ConsoleOptions &options, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Nova console — %1").arg(options.apiUrl.toString()));
    setObjectName(QStringLiteral("NovaConsole"));
    m_api = new ApiClient(options.apiUrl, options.token, this);
    m_prometheus = new PrometheusClient(options.prometheusUrl, this);
    if (options.alertmanagerUrl.isValid() && !options.alertmanagerUrl.isEmpty()) {
        m_alertmanager = new AlertmanagerClient(options.alertmanagerUrl, this);
        m_silencesFeed = new SilencesFeed(*m_alertmanager, this);
    }
    m_events = new OperatorEventStream(options.apiUrl, options.token, this);
    m_streams = new StreamTableModel(this);
    m_log = new StreamEventLog(this);
    m_alerts = new AlertTableModel(this);

    m_dashboardFeed = new DashboardFeed(*m_prometheus, *m_api, *m_streams, *m_alerts, this);
    m_dashboard = new PlatformDashboard(*m_dashboardFeed);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_dashboard);
    scroll->setFrameShape(QFrame::NoFrame);
    setCentralWidget(scroll);

    m_prometheusState = new ConnectionIndicator(QStringLiteral("Prometheus"), this);
    m_apiState = new ConnectionIndicator(QStringLiteral("API"), this);
    m_eventsState = new ConnectionIndicator(QStringLiteral("Events"), this);
    statusBar()->addWidget(m_prometheusState);
    statusBar()->addWidget(m_apiState);
    statusBar()->addWidget(m_eventsState, 1);

    buildToolBar();
    buildDocks();

    connect(m_prometheus, &PrometheusClient::reachabilityChanged, this,
            [this](bool reachable, const QString &problem) {
                m_prometheusState->setState(
                    reachable ? ConnectionIndicator::State::Up : ConnectionIndicator::State::Down,
                    reachable ? QString() : problem + tr(" — showing the last data"));
            });
    connect(m_events, &OperatorEventStream::stateChanged, this,
            [this](OperatorEventStream::State state, const QString &reason) {
                using S = ConnectionIndicator::State;
                switch (state) {
                case OperatorEventStream::State::Connected:
                    m_eventsState->setState(S::Up);
                    // Streams created while we were away make no replayable event for us.
                    if (m_eventsConnectedBefore)
                        reloadStreams();
                    m_eventsConnectedBefore = true;
                    break;
                case OperatorEventStream::State::Connecting:
                    m_eventsState->setState(S::Connecting);
                    break;
                case OperatorEventStream::State::Disconnected:
                    m_eventsState->setState(S::Down, reason);
                    break;
                }
            });
    connect(m_events, &OperatorEventStream::eventReceived, this, [this](const LiveEvent &event) {
        m_streams->apply(event);
        m_log->add(event);
        if (event.name == QLatin1StringView(LiveEvent::kStreamEnded))
            m_accountsFeed->reloadAudit();
    });
    connect(m_events, &OperatorEventStream::replayUnavailable, this, &MainWindow::reloadStreams);
    connect(m_streams, &StreamTableModel::unknownStream, this, &MainWindow::reloadStreams);
    m_relistSoon.setSingleShot(true);
    m_relistSoon.setInterval(kRelistSettleMs);
    connect(&m_relistSoon, &QTimer::timeout, this, &MainWindow::reloadStreams);
    connect(m_streams, &StreamTableModel::ingestMayHaveChanged, this, [this] {
        if (!m_relistSoon.isActive())
            m_relistSoon.start();
    });
    connect(m_streamActions, &StreamActions::failed, this,
            [this](const QUuid &, const QString &message) {
                statusBar()->showMessage(message, 10'000);
            });
    connect(m_streamActions, &StreamActions::publisherDropped, this, [this](const Stream &stream) {
        statusBar()->showMessage(
            tr("Dropped the publisher of \"%1\": waiting for it to reconnect").arg(stream.title),
            10'000);
    });
    connect(m_streamActions, &StreamActions::ended, this, [this](const Stream &stream) {
        statusBar()->showMessage(tr("Ended \"%1\"").arg(stream.title), 10'000);
        reloadStreams();
    });

    connect(&m_autoRefresh, &QTimer::timeout, m_dashboard, &PlatformDashboard::refresh);
    // The ingest line follows the dashboard: refreshed with it, from the same Prometheus.
    connect(m_dashboard, &PlatformDashboard::refreshed, m_ingestHealth, &IngestHealthFeed::refresh);
    connect(m_dashboard, &PlatformDashboard::refreshed, m_replicaHealth,
            &ReplicaHealthFeed::refresh);
    m_alertPoll.setInterval(kAlertPollMs);
    connect(&m_alertPoll, &QTimer::timeout, m_dashboard, &PlatformDashboard::refreshAlerts);
    m_streamPoll.setInterval(kStreamPollMs);
    connect(&m_streamPoll, &QTimer::timeout, this, &MainWindow::reloadStreams);

    restoreSettings();
    m_events->start();
    reloadStreams(); // the dashboard refreshed when its time range was restored
    m_alertPoll.start();
    m_streamPoll.start();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildToolBar()
{
    QToolBar *bar = addToolBar(tr("Dashboard"));
    bar->setObjectName(QStringLiteral("DashboardToolBar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr(" Time range "), bar));
    m_rangeBox = new QComboBox(bar);
    m_rangeBox->setObjectName(QStringLiteral("timeRange"));
    for (TimeRange::Preset preset : TimeRange::presets())
        m_rangeBox->addItem(TimeRange::label(preset), int(preset));
    bar->addWidget(m_rangeBox);
    connect(m_rangeBox, &QComboBox::activated, this, [this](int index) {
        const auto preset = TimeRange::Preset(m_rangeBox->itemData(index).toInt());
        if (preset == TimeRange::Preset::Custom)
            chooseCustomRange();
        else
            m_dashboard->setTimeRange(TimeRange::last(preset));
    });
    connect(m_dashboard, &PlatformDashboard::timeRangeChanged, this,
            [this](const TimeRange &range) {
                const int index = m_rangeBox->findData(int(range.preset));
                m_rangeBox->setCurrentIndex(index);
                if (range.preset == TimeRange::Preset::Custom)
                    m_rangeBox->setItemText(index, range.label());
                else
                    m_rangeBox->setItemText(m_rangeBox->findData(int(TimeRange::Preset::Custom)),
                                            TimeRange::label(TimeRange::Preset::Custom));
            });

    bar->addWidget(new QLabel(tr("  Auto-refresh "), bar));
    m_refreshBox = new QComboBox(bar);
    m_refreshBox->setObjectName(QStringLiteral("autoRefresh"));
    for (int seconds : refreshChoices())
        m_refreshBox->addItem(seconds == 0   ? tr("off")
                              : seconds < 60 ? tr("%1 s").arg(seconds)
                                             : tr("1 min"),
                              seconds);
    bar->addWidget(m_refreshBox);
    connect(m_refreshBox, &QComboBox::activated, this,
            [this](int index) { setAutoRefresh(m_refreshBox->itemData(index).toInt()); });

    bar->addSeparator();
    bar->addAction(tr("Refresh now"), m_dashboard, &PlatformDashboard::refresh);
    QAction *reset = bar->addAction(tr("Reset zoom"));
    const auto resetZoom = [this] {
        if (m_dashboard->timeRange().preset == TimeRange::Preset::Custom)
            m_dashboard->setTimeRange(TimeRange::last(TimeRange::Preset::LastHour));
    };
    connect(reset, &QAction::triggered, this, resetZoom);
    connect(m_dashboard, &PlatformDashboard::resetZoomRequested, this, resetZoom);
}

void MainWindow::buildDocks()
{
    m_streamTable = makeTable(this);
    m_sortedStreams = new QSortFilterProxyModel(this);
    m_sortedStreams->setSourceModel(m_streams);
    m_sortedStreams->setSortRole(StreamTableModel::SortRole);
    m_streamTable->setModel(m_sortedStreams);
    m_streamTable->setSortingEnabled(true);
    m_streamTable->sortByColumn(StreamTableModel::StatusColumn, Qt::AscendingOrder);
    m_streamTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_streamTable->horizontalHeader()->setSectionResizeMode(StreamTableModel::TitleColumn,
                                                            QHeaderView::Stretch);
    m_streamTable->horizontalHeader()->setStretchLastSection(false);
    m_ingestHealth = new IngestHealthFeed(*m_prometheus, this);
    m_ingestLine = new IngestHealthLine(this);
    connect(m_ingestHealth, &IngestHealthFeed::read, m_ingestLine, &IngestHealthLine::setNodes);
    connect(m_ingestHealth, &IngestHealthFeed::unavailable, m_ingestLine,
            &IngestHealthLine::setUnavailable);
    m_replicaHealth = new ReplicaHealthFeed(*m_prometheus, this);
    m_replicaPanels = new ReplicaPanels(this);
    connect(m_replicaHealth, &ReplicaHealthFeed::read, m_replicaPanels,
            &ReplicaPanels::setReplicas);
    connect(m_replicaHealth, &ReplicaHealthFeed::unavailable, m_replicaPanels,
            &ReplicaPanels::setUnavailable);
    auto *streamsPane = new QWidget(this);
    auto *streamsLayout = new QVBoxLayout(streamsPane);
    streamsLayout->setContentsMargins(0, 0, 0, 0);
    streamsLayout->addWidget(m_replicaPanels);
    streamsLayout->addWidget(m_ingestLine);
    streamsLayout->addWidget(m_streamTable);
    auto *streamsDock = new QDockWidget(tr("Streams"), this);
    streamsDock->setObjectName(QStringLiteral("StreamsDock"));
    streamsDock->setWidget(streamsPane);
    addDockWidget(Qt::RightDockWidgetArea, streamsDock);

    auto *alertTable = makeTable(this);
    alertTable->setModel(m_alerts);
    alertTable->setWordWrap(false);
    alertTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    alertTable->horizontalHeader()->setSectionResizeMode(AlertTableModel::SummaryColumn,
                                                         QHeaderView::Stretch);
    auto *alertsDock = new QDockWidget(tr("Alerts"), this);
    alertsDock->setObjectName(QStringLiteral("AlertsDock"));
    alertsDock->setWidget(alertTable);
    addDockWidget(Qt::RightDockWidgetArea, alertsDock);
    QDockWidget *silencesDock = buildSilencesDock();
    addDockWidget(Qt::RightDockWidgetArea, silencesDock);
    tabifyDockWidget(alertsDock, silencesDock);
    alertsDock->raise();
    connect(m_alerts, &AlertTableModel::modelReset, this, [this, alertsDock] {
        const int firing = m_alerts->firingCount();
        const int pending = int(m_alerts->alerts().size()) - firing;
        alertsDock->setWindowTitle(
            firing + pending == 0 ? tr("Alerts (none)")
                                  : tr("Alerts — %1 firing, %2 pending").arg(firing).arg(pending));
    });

    m_publisherFeed = new PublisherFeed(*m_api, this);
    m_streamHistory = new StreamHistoryFeed(*m_api, this);
    m_streamActions = new StreamActions(*m_api, this);
    m_detail = new StreamDetailView(
        {*m_streams, *m_log, *m_streamHistory, *m_publisherFeed, *m_streamActions}, this);
    auto *detailDock = new QDockWidget(tr("Stream"), this);
    detailDock->setObjectName(QStringLiteral("StreamDock"));
    detailDock->setWidget(m_detail);
    addDockWidget(Qt::BottomDockWidgetArea, detailDock);
    connect(m_streamTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_detail->show(current.data(StreamTableModel::StreamIdRole).toUuid());
            });

    m_accountsFeed = new AccountsFeed(*m_api, this);
    m_accountsView = new AccountsView(*m_accountsFeed, this);
    auto *accountsDock = new QDockWidget(tr("Accounts"), this);
    accountsDock->setObjectName(QStringLiteral("AccountsDock"));
    accountsDock->setWidget(m_accountsView);
    addDockWidget(Qt::BottomDockWidgetArea, accountsDock);
    tabifyDockWidget(detailDock, accountsDock);
    m_auditView = new AuditView(*m_accountsFeed, this);
    auto *auditDock = new QDockWidget(tr("Audit"), this);
    auditDock->setObjectName(QStringLiteral("AuditDock"));
    auditDock->setWidget(m_auditView);
    addDockWidget(Qt::BottomDockWidgetArea, auditDock);
    tabifyDockWidget(accountsDock, auditDock);
    detailDock->raise();
    // The audit follows the changes made here, and streams ending anywhere.
    connect(m_accountsFeed, &AccountsFeed::accountCreated, m_accountsFeed,
            &AccountsFeed::reloadAudit);
    connect(m_accountsFeed, &AccountsFeed::tokenIssued, m_accountsFeed, &AccountsFeed::reloadAudit);
    connect(m_accountsFeed, &AccountsFeed::tokenRevoked, m_accountsFeed,
            &AccountsFeed::reloadAudit);
    m_accountsFeed->reloadAccounts();
    m_accountsFeed->reloadAudit();
}

QDockWidget *MainWindow::buildSilencesDock()
{
    auto *dock = new QDockWidget(tr("Silences"), this);
    dock->setObjectName(QStringLiteral("SilencesDock"));
    if (!m_silencesFeed) {
        auto *none = new QLabel(tr("No Alertmanager: start the console with --alertmanager URL (or "
                                   "NOVA_ALERTMANAGER_URL) to list and silence its alerts."),
                                dock);
        none->setWordWrap(true);
        none->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        dock->setWidget(none);
        return dock;
    }
    // The author of a silence unless the operator types another name.
    const QString who = qEnvironmentVariable("USER", QStringLiteral("operator"));
    m_silencesView = new SilencesView(*m_silencesFeed, who, dock);
    dock->setWidget(m_silencesView);
    connect(m_silencesView, &SilencesView::actionFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    connect(m_silencesFeed, &SilencesFeed::created, this,
            [this] { statusBar()->showMessage(tr("Silence created in Alertmanager"), 10'000); });
    connect(m_silencesFeed, &SilencesFeed::read, this,
            [dock](const QList<ManagedAlert> &alerts, const QList<Silence> &silences) {
                const auto silenced =
                    std::count_if(alerts.begin(), alerts.end(),
                                  [](const ManagedAlert &a) { return a.silenced(); });
                const auto active =
                    std::count_if(silences.begin(), silences.end(), [](const Silence &s) {
                        return s.state == Silence::State::Active;
                    });
                dock->setWindowTitle(
                    tr("Silences — %1 active, %2 alert(s) muted").arg(active).arg(silenced));
            });
    m_silencesFeed->start();
    return dock;
}

void MainWindow::reloadStreams()
{
    // Live and pending ones, and the most recent of the rest.
    whenFinished(m_api->streams(QStringLiteral("all"), 100), this,
                 [this](const QFuture<QList<Stream>> &done) {
                     QString problem;
                     const auto streams = resultOf(done, &problem);
                     if (!streams) {
                         m_apiState->setState(ConnectionIndicator::State::Down, problem);
                         return;
                     }
                     const QUuid selected = m_detail->streamId();
                     const bool first = m_streams->rowCount() == 0;
                     m_streams->setStreams(*streams);
                     // The per-stream viewer lines need the list: draw them now, not at the
                     // next refresh.
                     if (first && !streams->isEmpty())
                         m_dashboard->refresh();
                     m_apiState->setState(ConnectionIndicator::State::Up);
                     // Keep the selection; with none yet, show the first stream in the table.
                     const int row = m_streams->rowOf(selected);
                     if (row >= 0)
                         m_streamTable->selectRow(
                             m_sortedStreams->mapFromSource(m_streams->index(row, 0)).row());
                     else if (selected.isNull() && m_sortedStreams->rowCount() > 0)
                         m_streamTable->selectRow(0);
                 });
}

void MainWindow::setAutoRefresh(int seconds)
{
    m_autoRefreshSeconds = seconds;
    const int index = m_refreshBox->findData(seconds);
    if (index >= 0)
        m_refreshBox->setCurrentIndex(index);
    if (seconds > 0)
        m_autoRefresh.start(seconds * 1000);
    else
        m_autoRefresh.stop();
}

void MainWindow::chooseCustomRange()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Custom time range"));
    auto *form = new QFormLayout(&dialog);
    const QDateTime now = QDateTime::currentDateTime();
    const TimeRange current = m_dashboard->timeRange();
    auto *from = new QDateTimeEdit(current.from(now.toUTC()).toLocalTime(), &dialog);
    auto *to = new QDateTimeEdit(current.to(now.toUTC()).toLocalTime(), &dialog);
    for (QDateTimeEdit *edit : {from, to}) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
    }
    form->addRow(tr("From"), from);
    form->addRow(tr("To"), to);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted && from->dateTime() < to->dateTime())
        m_dashboard->setTimeRange(TimeRange::custom(from->dateTime(), to->dateTime()));
    else
        emit m_dashboard->timeRangeChanged(m_dashboard->timeRange()); // back to what it was
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1600, 1000);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First run: the dashboard keeps most of the room, the docks a readable size.
        auto *streams = findChild<QDockWidget *>(QStringLiteral("StreamsDock"));
        auto *alerts = findChild<QDockWidget *>(QStringLiteral("AlertsDock"));
        auto *detail = findChild<QDockWidget *>(QStringLiteral("StreamDock"));
        resizeDocks({streams}, {640}, Qt::Horizontal);
        resizeDocks({streams, alerts}, {420, 260}, Qt::Vertical);
        resizeDocks({detail}, {330}, Qt::Vertical);
    }
    m_streamTable->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("streams/header")).toByteArray());
    const TimeRange range = TimeRange::fromSetting(
        settings.value(QStringLiteral("dashboard/range"), QStringLiteral("1h")).toString());
    // A custom span from an earlier run would show stale history: start from its length instead.
    m_dashboard->setTimeRange(range.preset == TimeRange::Preset::Custom
                                  ? TimeRange::last(TimeRange::Preset::LastHour)
                                  : range);
    setAutoRefresh(settings.value(QStringLiteral("dashboard/autoRefresh"), 10).toInt());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("streams/header"),
                      m_streamTable->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("dashboard/range"), m_dashboard->timeRange().toSetting());
    settings.setValue(QStringLiteral("dashboard/autoRefresh"), m_autoRefreshSeconds);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

} // namespace nova

package ro.caravana.scheduler.notice.smpp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.notice.gateway.DeliveryReport;
import ro.caravana.scheduler.notice.gateway.GatewayListener;
import ro.caravana.scheduler.notice.gateway.InboundSms;
import ro.caravana.scheduler.notice.gateway.OutgoingSms;
import ro.caravana.scheduler.notice.gateway.SendFailure;
import ro.caravana.scheduler.notice.gateway.SmsGateway;
import ro.caravana.scheduler.notice.gateway.Throttle;

/**
 * SMPP 3.4 over jSMPP: one transceiver bind that submits with registered delivery, keeps the link
 * alive with enquire_link, rebinds with exponential backoff when the link drops, and spaces
 * submit_sm to the operator's rate. deliver_sm carrying a receipt becomes a delivery report,
 * any other deliver_sm an inbound message. jSMPP blocks, so submits run on a worker pool as wide
 * as the window.
 */
public final class SmppGateway implements SmsGateway, MessageReceiverListener {

  private static final Logger LOG = LoggerFactory.getLogger(SmppGateway.class);
  private static final long LISTENER_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final SmppSettings settings;
  private final GatewayListener listener;
  private final Throttle throttle;
  private final WorkerExecutor submitters;
  private final ScheduledExecutorService connector;
  private volatile SMPPSession session;
  private volatile boolean running;
  private long backoff;

  public SmppGateway(Vertx vertx, SmppSettings settings, GatewayListener listener) {
    this.vertx = vertx;
    this.settings = settings;
    this.listener = listener;
    this.throttle = new Throttle(settings.ratePerSecond());
    this.submitters = vertx.createSharedWorkerExecutor("caravana-smpp-" + System.identityHashCode(this),
        Math.max(1, settings.window()));
    this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "caravana-smpp-connector");
      t.setDaemon(true);
      return t;
    });
    this.backoff = settings.reconnectMinMillis();
  }

  @Override
  public Future<Void> start() {
    running = true;
    connector.execute(this::connect);
    return Future.succeededFuture();
  }

  @Override
  public boolean ready() {
    SMPPSession s = session;
    return s != null && s.getSessionState().isBound();
  }

  private void connect() {
    if (!running) return;
    SMPPSession s = new SMPPSession();
    try {
      s.setEnquireLinkTimer(settings.enquireLinkMillis());
      s.setTransactionTimer(settings.responseTimeoutMillis());
      s.setMessageReceiverListener(this);
      s.addSessionStateListener(this::stateChanged);
      s.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX, settings.systemId(),
          settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
          settings.responseTimeoutMillis());
      session = s;
      backoff = settings.reconnectMinMillis();
      LOG.info("SMPP bound as transceiver to {}:{} as {}", settings.host(), settings.port(), settings.systemId());
    } catch (IOException | RuntimeException e) {
      s.close();
      long wait = backoff;
      backoff = Math.min(settings.reconnectMaxMillis(), backoff * 2);
      LOG.warn("SMPP bind to {}:{} failed ({}); next try in {} ms", settings.host(), settings.port(), e.toString(), wait);
      if (running) connector.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }
  }

  private void stateChanged(SessionState newState, SessionState oldState, Session source) {
    if (newState == SessionState.CLOSED && source == session) {
      session = null;
      if (running) {
        LOG.warn("SMPP link to {}:{} closed; rebinding", settings.host(), settings.port());
        connector.schedule(this::connect, backoff, TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public Future<String> send(OutgoingSms sms) {
    return submitters.executeBlocking(() -> submit(sms), false);
  }

  private String submit(OutgoingSms sms) {
    SMPPSession s = session;
    if (s == null || !s.getSessionState().isBound()) {
      throw SendFailure.transientFailure("SMPP not bound", null);
    }
    throttle.acquire();
    byte[] bytes = SmppCodec.encode(sms.body(), sms.encoding());
    byte[] shortMessage = bytes;
    OptionalParameter[] tlvs = new OptionalParameter[0];
    if (bytes.length > SmppCodec.SHORT_MESSAGE_MAX) { // long text: one PDU, the SMSC splits it
      shortMessage = new byte[0];
      tlvs = new OptionalParameter[] {new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), bytes)};
    }
    try {
      SubmitSmResult result = s.submitShortMessage("", sourceTon(), sourceNpi(), settings.sourceAddress(),
          TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, SmppCodec.address(sms.to()), new ESMClass(),
          (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
          SmppCodec.dataCoding(sms.encoding()), (byte) 0, shortMessage, tlvs);
      return result.getMessageId();
    } catch (NegativeResponseException e) {
      boolean retry = switch (e.getCommandStatus()) {
        case SMPPConstant.STAT_ESME_RTHROTTLED, SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR,
            SMPPConstant.STAT_ESME_RSUBMITFAIL, SMPPConstant.STAT_ESME_RINVBNDSTS -> true;
        default -> false;
      };
      throw new SendFailure("submit_sm refused with status 0x" + Integer.toHexString(e.getCommandStatus()), retry, e);
    } catch (ResponseTimeoutException | IOException e) {
      throw SendFailure.transientFailure("submit_sm: " + e, e);
    } catch (PDUException | InvalidResponseException e) {
      throw SendFailure.permanent("submit_sm: " + e, e);
    }
  }

  private TypeOfNumber sourceTon() {
    return settings.sourceAddress().matches("\\+?[0-9]+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC;
  }

  private NumberingPlanIndicator sourceNpi() {
    return sourceTon() == TypeOfNumber.INTERNATIONAL ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN;
  }

  @Override
  public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
    Future<Void> handled;
    if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
      DeliveryReceipt receipt;
      try {
        receipt = deliverSm.getShortMessageAsDeliveryReceipt();
      } catch (InvalidDeliveryReceiptException e) {
        LOG.warn("unreadable delivery receipt dropped: {}", e.toString());
        return;
      }
      DeliveryReceiptState state = receipt.getFinalStatus();
      if (state == DeliveryReceiptState.ENROUTE || state == DeliveryReceiptState.ACCEPTD) return; // not final yet
      handled = listener.onDeliveryReport(new DeliveryReport(receipt.getId(),
          state == DeliveryReceiptState.DELIVRD, state.name(), receipt.getError()));
    } else {
      handled = listener.onInbound(new InboundSms(SmppCodec.e164(deliverSm.getSourceAddr()),
          deliverSm.getDestAddress(), SmppCodec.text(deliverSm)));
    }
    try {
      handled.toCompletionStage().toCompletableFuture().get(LISTENER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessRequestException("interrupted", SMPPConstant.STAT_ESME_RSYSERR);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      // a negative deliver_sm_resp makes the SMSC deliver it again later
      throw new ProcessRequestException("could not store: " + e, SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  @Override
  public void onAcceptAlertNotification(AlertNotification alertNotification) {
    // not used: Caravana does not ask for alerts
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw new ProcessRequestException("data_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public Future<Void> stop() {
    running = false;
    return vertx.executeBlocking(() -> {
      connector.shutdownNow();
      SMPPSession s = session;
      session = null;
      if (s != null) {
        if (s.getSessionState().isBound()) s.unbindAndClose();
        else s.close();
      }
      return null;
    }, false).compose(v -> submitters.close());
  }
}

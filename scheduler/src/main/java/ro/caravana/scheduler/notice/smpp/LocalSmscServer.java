package ro.caravana.scheduler.notice.smpp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.notice.text.Gsm7;

/**
 * A small SMSC in the same process, the jSMPP server side: demo mode and tests send through it.
 * It accepts binds with the configured system id and password, records every submit_sm it
 * accepted, answers each with a delivery receipt (DELIVRD, or UNDELIV for destinations the
 * failure rule names), and can inject inbound messages as if a phone had answered. Like a real
 * SMSC it stores receipts it could not deliver and sends them when a client binds again.
 * A message counts as accepted once its submit_sm_resp has been written, so a response lost in an
 * outage is not counted (the client will submit it again).
 */
public final class LocalSmscServer implements ServerMessageReceiverListener, ServerResponseDeliveryListener,
    AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSmscServer.class);

  /** One accepted submit_sm. */
  public record Submitted(String messageId, String source, String destination, String text, byte dataCoding,
      boolean receiptRequested, long acceptedAtNanos) {}

  private final int port;
  private final String systemId;
  private final String password;
  private final long receiptDelayMillis;
  private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 100_000_000L * 1000);
  private final Map<String, Submitted> pending = new ConcurrentHashMap<>();
  private final List<Submitted> accepted = new CopyOnWriteArrayList<>();
  private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
  private final Deque<DeliveryJob> undelivered = new ArrayDeque<>();
  private final ScheduledExecutorService deliverer;
  private volatile Predicate<String> failDestination = d -> false;
  private final java.util.concurrent.atomic.AtomicInteger toSwallow = new java.util.concurrent.atomic.AtomicInteger();
  private final List<Submitted> swallowed = new CopyOnWriteArrayList<>();
  private volatile java.util.concurrent.CountDownLatch linkCut = new java.util.concurrent.CountDownLatch(1);
  private volatile SMPPServerSessionListener listener;
  private ExecutorService acceptor;

  private record DeliveryJob(String source, String destination, ESMClass esm, byte[] body, byte dataCoding) {}

  private LocalSmscServer(int port, String systemId, String password, long receiptDelayMillis) {
    this.port = port;
    this.systemId = systemId;
    this.password = password;
    this.receiptDelayMillis = receiptDelayMillis;
    this.deliverer = Executors.newScheduledThreadPool(2, daemon("caravana-smsc-deliver"));
  }

  /** A server on {@code port} (0: a free port chosen now, kept across stop and start). */
  public static LocalSmscServer start(int port, String systemId, String password, long receiptDelayMillis)
      throws IOException {
    int chosen = port;
    if (chosen == 0) {
      try (ServerSocket probe = new ServerSocket(0)) {
        chosen = probe.getLocalPort();
      }
    }
    LocalSmscServer server = new LocalSmscServer(chosen, systemId, password, receiptDelayMillis);
    server.resume();
    return server;
  }

  public int port() { return port; }

  /** Destinations whose messages get an UNDELIV receipt. */
  public void failDestinations(Predicate<String> rule) {
    this.failDestination = rule;
  }

  /**
   * The next {@code n} submits are taken (counted as accepted: the phone gets them) but their
   * submit_sm_resp never leaves; the link is cut ({@link #halt()}) before it would. The client does
   * not know they were taken and submits them again: the duplicates a real network produces.
   */
  public void swallowResponses(int n) {
    toSwallow.set(n);
  }

  /** The submits whose response was swallowed. */
  public List<Submitted> swallowed() {
    return List.copyOf(swallowed);
  }

  /** Starts listening again after {@link #halt()}. */
  public synchronized void resume() throws IOException {
    if (listener != null) return;
    SMPPServerSessionListener l = new SMPPServerSessionListener(port);
    l.setMessageReceiverListener(this);
    l.setResponseDeliveryListener(this);
    l.setPduProcessorDegree(4);
    listener = l;
    acceptor = Executors.newSingleThreadExecutor(daemon("caravana-smsc-accept"));
    acceptor.execute(() -> acceptLoop(l));
    LOG.info("local SMSC listening on port {}", port);
  }

  /** Stops abruptly, as an outage would: the listener and every session close, nothing is unbound politely. */
  public synchronized void halt() throws IOException {
    java.util.concurrent.CountDownLatch cut = linkCut;
    linkCut = new java.util.concurrent.CountDownLatch(1);
    cut.countDown();
    SMPPServerSessionListener l = listener;
    listener = null;
    if (l != null) l.close();
    if (acceptor != null) acceptor.shutdownNow();
    for (SMPPServerSession s : sessions) s.close();
    sessions.clear();
    pending.clear();
  }

  @Override
  public void close() throws IOException {
    halt();
    deliverer.shutdownNow();
  }

  private void acceptLoop(SMPPServerSessionListener l) {
    while (listener == l) {
      try {
        SMPPServerSession session = l.accept();
        deliverer.execute(() -> bind(session));
      } catch (SocketException e) {
        return; // listener closed
      } catch (IOException e) {
        if (listener == l) LOG.warn("local SMSC accept failed: {}", e.toString());
      }
    }
  }

  private void bind(SMPPServerSession session) {
    try {
      BindRequest request = session.waitForBind(5000);
      if (!systemId.equals(request.getSystemId()) || !password.equals(request.getPassword())) {
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
        return;
      }
      if (request.getBindType() != BindType.BIND_TRX && request.getBindType() != BindType.BIND_RX
          && request.getBindType() != BindType.BIND_TX) {
        request.reject(SMPPConstant.STAT_ESME_RINVBNDSTS);
        return;
      }
      request.accept("caravana-smsc");
      sessions.add(session);
      session.addSessionStateListener((newState, oldState, source) -> {
        if (newState == SessionState.CLOSED) sessions.remove(session);
      });
      flushUndelivered();
    } catch (Exception e) {
      LOG.debug("bind refused: {}", e.toString());
      session.close();
    }
  }

  @Override
  public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
    String id = Long.toString(ids.incrementAndGet());
    MessageId messageId;
    try {
      messageId = new MessageId(id);
    } catch (PDUStringException e) {
      throw new ProcessRequestException("message id", SMPPConstant.STAT_ESME_RSYSERR, e);
    }
    boolean receipt = (submitSm.getRegisteredDelivery() & 0x03) != 0;
    Submitted submitted = new Submitted(id, submitSm.getSourceAddr(), submitSm.getDestAddress(), SmppCodec.text(submitSm),
        submitSm.getDataCoding(), receipt, System.nanoTime());
    if (toSwallow.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
      accepted.add(submitted);
      swallowed.add(submitted);
      java.util.concurrent.CountDownLatch cut = linkCut;
      try {
        cut.await(); // the response waits for the link to be cut, and is then lost with it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new ProcessRequestException("link cut before the response", SMPPConstant.STAT_ESME_RSYSERR);
    }
    pending.put(id, submitted);
    return new SubmitSmResult(messageId, new org.jsmpp.bean.OptionalParameter[0]);
  }

  @Override
  public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
    Submitted s = pending.remove(result.getMessageId());
    if (s == null) return;
    accepted.add(s);
    if (!s.receiptRequested()) return;
    Date now = new Date();
    boolean fail = failDestination.test(s.destination());
    String text = s.text().length() > 20 ? s.text().substring(0, 20) : s.text();
    DeliveryReceipt receipt = new DeliveryReceipt(s.messageId(), 1, fail ? 0 : 1, now, now,
        fail ? DeliveryReceiptState.UNDELIV : DeliveryReceiptState.DELIVRD, fail ? "001" : "000",
        Gsm7.fits(text) ? text : "");
    DeliveryJob job = new DeliveryJob(s.destination(), s.source(),
        new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
        receipt.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), (byte) 0);
    deliverer.schedule(() -> deliver(job), receiptDelayMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
    pending.remove(result.getMessageId()); // the client never learnt of it: not accepted
  }

  /** A phone answers: a deliver_sm to the bound client (queued until one binds). */
  public void injectInbound(String fromE164, String to, String text) {
    boolean gsm = Gsm7.fits(text);
    byte[] body = gsm ? Gsm7.encode(text) : text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    deliverer.execute(() -> deliver(new DeliveryJob(SmppCodec.address(fromE164), to, new ESMClass(), body,
        gsm ? (byte) 0 : (byte) 8)));
  }

  private void deliver(DeliveryJob job) {
    SMPPServerSession target = sessions.stream().filter(s -> s.getSessionState().isReceivable()).findFirst().orElse(null);
    if (target == null) {
      synchronized (undelivered) {
        undelivered.add(job);
      }
      return;
    }
    try {
      target.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, job.source(),
          TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, job.destination(), job.esm(), (byte) 0, (byte) 0,
          new RegisteredDelivery(0), org.jsmpp.bean.DataCodings.newInstance(job.dataCoding()), job.body());
    } catch (Exception e) {
      synchronized (undelivered) {
        undelivered.add(job); // store and forward: try again on the next bind
      }
      if (listener != null && !sessions.isEmpty()) deliverer.schedule(this::flushUndelivered, 500, TimeUnit.MILLISECONDS);
    }
  }

  private void flushUndelivered() {
    List<DeliveryJob> jobs;
    synchronized (undelivered) {
      jobs = new ArrayList<>(undelivered);
      undelivered.clear();
    }
    for (DeliveryJob job : jobs) deliverer.execute(() -> deliver(job));
  }

  /** Every submit_sm accepted so far, in order. */
  public List<Submitted> accepted() {
    return List.copyOf(accepted);
  }

  public int acceptedCount() {
    return accepted.size();
  }

  public void clear() {
    accepted.clear();
  }

  public boolean hasBoundClient() {
    return sessions.stream().anyMatch(s -> s.getSessionState().isBound());
  }

  @Override
  public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
      throws ProcessRequestException {
    throw new ProcessRequestException("submit_multi not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
    throw new ProcessRequestException("query_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
    throw new ProcessRequestException("replace_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
    throw new ProcessRequestException("cancel_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw new ProcessRequestException("broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw new ProcessRequestException("cancel_broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
      SMPPServerSession source) throws ProcessRequestException {
    throw new ProcessRequestException("query_broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw new ProcessRequestException("data_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  @Override
  public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {
    // submit_multi is refused
  }

  @Override
  public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {
    // submit_multi is refused
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

package ro.caravana.scheduler.access;

import io.netty.util.NetUtil;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client address a request is recorded under (audit log, sign-in failures, rate limits, sessions).
 * It is the TCP peer, except:
 * <ul>
 *   <li>when the peer is one of the configured trusted proxies ({@code http.trusted-proxies}: addresses or
 *       CIDR blocks), the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy;</li>
 *   <li>for the portal's own page calls to the API of this process, the page request's client address, sent
 *       in {@value #PAGE_CLIENT} together with a key drawn at start ({@value #PAGE_KEY}); nobody outside this
 *       process knows the key, so nobody else can set the address.</li>
 * </ul>
 * Anything else in those headers is ignored. Only IP literals are read: no name is ever resolved.
 */
public final class ClientAddress {

  static final String KEY = "caravana.client-address";
  public static final String PAGE_CLIENT = "X-Caravana-Page-Client";
  public static final String PAGE_KEY = "X-Caravana-Page-Key";
  /** Per process: the portal's page calls and the API they reach run in the same JVM. */
  private static final String PAGE_SECRET = Sessions.randomToken();

  private record Block(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) return false;
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((address[i / 8] & mask) != (network[i / 8] & mask)) return false;
      }
      return true;
    }
  }

  private final List<Block> trusted;

  private ClientAddress(List<Block> trusted) {
    this.trusted = trusted;
  }

  /** {@code spec}: comma-separated IP addresses or CIDR blocks ({@code 10.0.0.0/8, 127.0.0.1, ::1}); empty: none. */
  public static ClientAddress trusting(String spec) {
    List<Block> blocks = new ArrayList<>();
    if (spec != null) {
      for (String part : spec.split(",")) {
        String s = part.strip();
        if (s.isEmpty()) continue;
        int slash = s.indexOf('/');
        byte[] network = literal(slash < 0 ? s : s.substring(0, slash))
            .orElseThrow(() -> new IllegalStateException("http.trusted-proxies: not an IP address or block: " + s));
        int bits = network.length * 8;
        if (slash >= 0) {
          String b = s.substring(slash + 1);
          if (!b.matches("[0-9]{1,3}") || Integer.parseInt(b) > network.length * 8) {
            throw new IllegalStateException("http.trusted-proxies: bad prefix length in " + s);
          }
          bits = Integer.parseInt(b);
        }
        blocks.add(new Block(network, bits));
      }
    }
    return new ClientAddress(List.copyOf(blocks));
  }

  /** The headers a page call of this process sends so the API records the page request's client. */
  public static java.util.Map<String, String> pageCallHeaders(RoutingContext page) {
    return pageCallHeaders(Audit.clientIp(page));
  }

  static java.util.Map<String, String> pageCallHeaders(String client) {
    return client == null ? java.util.Map.of() : java.util.Map.of(PAGE_CLIENT, client, PAGE_KEY, PAGE_SECRET);
  }

  /** Works out the request's client address once, for {@link Audit#clientIp}; mounted before every route. */
  public void handle(RoutingContext ctx) {
    var peer = ctx.request().remoteAddress();
    String address = resolve(peer == null ? null : peer.hostAddress(), ctx.request().headers().getAll("X-Forwarded-For"),
        ctx.request().getHeader(PAGE_CLIENT), ctx.request().getHeader(PAGE_KEY));
    if (address != null) ctx.put(KEY, address);
    ctx.next();
  }

  String resolve(String peer, List<String> forwardedFor, String pageClient, String pageKey) {
    if (pageClient != null && pageKey != null
        && MessageDigest.isEqual(pageKey.getBytes(StandardCharsets.UTF_8), PAGE_SECRET.getBytes(StandardCharsets.UTF_8))
        && literal(pageClient).isPresent()) {
      return pageClient;
    }
    if (peer == null || !isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) return peer;
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) hops.add(hop.strip());
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (literal(hop).isEmpty()) return client; // not an address: nothing further left can be believed
      client = hop;
      if (!isTrusted(hop)) return hop;
    }
    return client;
  }

  private boolean isTrusted(String address) {
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && trusted.stream().anyMatch(b -> b.contains(bytes.get()));
  }

  /** The bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 read as IPv4); empty for anything else. */
  private static Optional<byte[]> literal(String text) {
    if (text == null || !(NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text))) return Optional.empty();
    try {
      return Optional.of(InetAddress.getByName(text).getAddress()); // a literal: no name lookup
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
